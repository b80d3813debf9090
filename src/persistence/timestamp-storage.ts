// Existing DateTimeOffset columns brought to the stored form of the model's Precision, without losing a digit, or refused.
import type { EntityMetadata, QueryRunner, Table } from 'typeorm';
import { sortableTimestampWidth } from '../model/date-time-offset';
import type { EntitySet } from '../model/service-model';
import { quoteTablePath } from './quote-table-path';
import type { SchemaDifference } from './schema-mismatch-error';

export interface TimestampPlan {
  /** Columns whose type is the previous release's PostgreSQL timestamptz (microseconds): converted to the text form. */
  readonly converted: ReadonlySet<string>;
  /** Statements that rewrite stored values losslessly, run inside the start-up transaction. */
  readonly statements: readonly string[];
  readonly differences: readonly SchemaDifference[];
}

/**
 * The stored form is fixed-width text, so every row of a column must have the width of its Precision (text order is
 * time order only then). A table from the previous release holds fewer digits (timestamptz on PostgreSQL, 6 digits
 * on SQLite): appending zeros keeps every value and its order. More digits than declared would be cut: refused.
 */
export async function planTimestamps(queryRunner: QueryRunner, metadata: EntityMetadata, entitySet: EntitySet | undefined, actual: Table): Promise<TimestampPlan> {
  const converted = new Set<string>();
  const statements: string[] = [];
  const differences: SchemaDifference[] = [];
  const table = quoteTablePath(queryRunner.connection.driver, metadata);
  for (const property of entitySet?.entityType.properties ?? []) {
    const existing = actual.findColumnByName(property.name);
    if (property.type !== 'Edm.DateTimeOffset' || !existing) continue;
    const precision = property.precision ?? 0;
    const column = queryRunner.connection.driver.escape(property.name);
    if (existing.type === 'timestamp with time zone') {
      converted.add(property.name);
      if (precision < 6 && await hasFinerDigits(queryRunner, table, column, precision)) {
        differences.push(finerDigits(metadata.tableName, property.name, precision));
        continue;
      }
      statements.push(`ALTER TABLE ${table} ALTER COLUMN ${column} TYPE text COLLATE "C" USING ${fromTimestamptz(column, precision)}`);
      continue;
    }
    const [widths] = await queryRunner.query(`SELECT min(length(${column})) AS shortest, max(length(${column})) AS longest FROM ${table}`) as { shortest: unknown; longest: unknown }[];
    const width = sortableTimestampWidth(precision);
    if (widths.longest !== null && Number(widths.longest) > width) {
      differences.push(finerDigits(metadata.tableName, property.name, precision));
    } else if (widths.shortest !== null && Number(widths.shortest) < width) {
      statements.push(`UPDATE ${table} SET ${column} = ${widened(column, precision)} WHERE length(${column}) < ${width}`);
    }
  }
  return { converted, statements, differences };
}

function finerDigits(table: string, column: string, precision: number): SchemaDifference {
  return {
    table, column, difference: `holds values with more fractional second digits than its Precision=${precision} keeps`,
    remedy: 'restore the property\'s Precision in the CSDL, or round the stored values by hand',
  };
}

/** Whether a timestamptz column holds a value with a nonzero digit past `precision` (< 6). */
async function hasFinerDigits(queryRunner: QueryRunner, table: string, column: string, precision: number): Promise<boolean> {
  const rows: unknown[] = await queryRunner.query(
    `SELECT 1 FROM ${table} WHERE substr(to_char(${column} AT TIME ZONE 'UTC', 'US'), ${precision + 1}) <> '${'0'.repeat(6 - precision)}' LIMIT 1`,
  );
  return rows.length > 0;
}

/** `YYYY-MM-DDTHH:MM:SS[.f…]Z` padded with zeros to `precision` digits (SQL shared by both engines). */
function widened(column: string, precision: number): string {
  const zeros = `'${'0'.repeat(precision)}'`;
  return `CASE WHEN length(${column}) = 20 THEN substr(${column}, 1, 19) || '.' || ${zeros} || 'Z'`
    + ` ELSE substr(${column}, 1, length(${column}) - 1) || substr(${zeros}, 1, ${sortableTimestampWidth(precision)} - length(${column})) || 'Z' END`;
}

/** A PostgreSQL timestamptz (microseconds) as the sortable text at `precision` digits. */
function fromTimestamptz(column: string, precision: number): string {
  const utc = `(${column} AT TIME ZONE 'UTC')`;
  const seconds = `to_char(${utc}, 'YYYY-MM-DD"T"HH24:MI:SS')`;
  if (precision === 0) return `${seconds} || 'Z'`;
  const micro = `to_char(${utc}, 'US')`;
  const digits = precision >= 6 ? `${micro} || '${'0'.repeat(precision - 6)}'` : `substr(${micro}, 1, ${precision})`;
  return `${seconds} || '.' || ${digits} || 'Z'`;
}
