// Compares an existing table with the one the model describes; lists what may be added and what must not change.
import type { Table, TableColumn } from 'typeorm';
import { CHANGE_POSITION_COLUMN } from './change-position';
import type { SchemaDifference } from './schema-mismatch-error';

export interface TableComparison {
  /** Model columns the table lacks. */
  readonly missing: readonly TableColumn[];
  /** Differences that would drop or reinterpret stored data. */
  readonly differences: readonly SchemaDifference[];
}

export function compareTable(expected: Table, actual: Table, fullType: (column: TableColumn) => string): TableComparison {
  const table = expected.name;
  const differences: SchemaDifference[] = [];
  for (const column of actual.columns) {
    // Storage-internal (ensureChangePositions): kept, also when change tracking is turned off.
    if (expected.findColumnByName(column.name) || column.name === CHANGE_POSITION_COLUMN) continue;
    differences.push({
      table, column: column.name, difference: `(${fullType(column)}) is in the table but not in the model`,
      remedy: 'declare the property in the CSDL again, or save the column\'s data and drop the column by hand',
    });
  }
  for (const column of expected.columns) {
    const existing = actual.findColumnByName(column.name);
    if (existing) differences.push(...compareColumn(table, column, existing, fullType));
  }
  const key = (candidate: Table) => candidate.primaryColumns.map((column) => column.name).join(', ');
  if (key(expected) !== key(actual)) {
    differences.push({
      table, column: key(expected), difference: `is the model's key but the table's primary key is (${key(actual)})`,
      remedy: 'restore the Key of the entity type in the CSDL, or migrate the table to the new key by hand',
    });
  }
  return { missing: expected.columns.filter((column) => !actual.findColumnByName(column.name)), differences };
}

function compareColumn(
  table: string, expected: TableColumn, actual: TableColumn, fullType: (column: TableColumn) => string,
): SchemaDifference[] {
  const differences: SchemaDifference[] = [];
  if (fullType(expected) !== fullType(actual)) {
    differences.push({
      table, column: expected.name, difference: `has type ${fullType(actual)} in the table but the model needs ${fullType(expected)}`,
      remedy: 'restore the property\'s Type in the CSDL, or convert the column and its values by hand',
    });
  }
  if (expected.isNullable !== actual.isNullable) {
    differences.push(expected.isNullable
      ? {
        table, column: expected.name, difference: 'is NOT NULL in the table but the model\'s property is nullable',
        remedy: 'declare the property Nullable="false" in the CSDL, or drop the NOT NULL constraint by hand',
      }
      : {
        table, column: expected.name, difference: 'allows NULL in the table but the model\'s property is Nullable="false"',
        remedy: 'make the property nullable in the CSDL, or fill the NULLs and add a NOT NULL constraint by hand',
      });
  }
  return differences;
}
