// Start-up schema rules: create missing tables, add new columns, refuse any change that would drop or alter data.
import { Table, type EntityMetadata, type QueryRunner, type TableColumn } from 'typeorm';
import type { EntitySet } from '../model/service-model';
import { compareTable } from './compare-table';
import { quoteTablePath } from './quote-table-path';
import { SchemaMismatchError, type SchemaDifference } from './schema-mismatch-error';
import { planTimestamps } from './timestamp-storage';

interface TablePlan {
  readonly metadata: EntityMetadata;
  readonly expected: Table;
  /** The table as found in the database; undefined when it does not exist yet. */
  readonly actual?: Table;
  readonly missing: readonly TableColumn[];
  readonly differences: readonly SchemaDifference[];
  /** Lossless rewrites of stored DateTimeOffset values to the model's Precision (see timestamp-storage). */
  readonly statements: readonly string[];
}

/** Checks every table before changing any, so a refused start-up leaves the database as it was. */
export async function ensureTables(queryRunner: QueryRunner, entitySets: readonly EntitySet[]): Promise<void> {
  const plans: TablePlan[] = [];
  for (const metadata of queryRunner.connection.entityMetadatas) {
    plans.push(await planTable(queryRunner, metadata, entitySets.find((set) => set.name === metadata.tableName)));
  }
  const differences = plans.flatMap((plan) => plan.differences);
  if (differences.length > 0) throw new SchemaMismatchError(differences);
  for (const plan of plans) await applyPlan(queryRunner, plan);
}

async function planTable(queryRunner: QueryRunner, metadata: EntityMetadata, entitySet: EntitySet | undefined): Promise<TablePlan> {
  const driver = queryRunner.connection.driver;
  const expected = Table.create(metadata, driver);
  const actual = await queryRunner.getTable(metadata.tablePath);
  if (!actual) return { metadata, expected, missing: [], differences: [], statements: [] };
  const timestamps = await planTimestamps(queryRunner, metadata, entitySet, actual);
  const compared = compareTable(expected, actual, (column) => driver.createFullType(column));
  const { missing } = compared;
  const differences = [
    ...compared.differences.filter((difference) => !(timestamps.converted.has(difference.column) && /has type/.test(difference.difference))),
    ...timestamps.differences,
  ];
  const { statements } = timestamps;
  const required = missing.filter((column) => !column.isNullable);
  if (required.length === 0 || !(await hasRows(queryRunner, metadata))) return { metadata, expected, actual, missing, differences, statements };
  return {
    metadata, expected, actual, missing, statements,
    differences: [...differences, ...required.map((column) => ({
      table: expected.name, column: column.name,
      difference: 'is missing; the model\'s property is Nullable="false" and the table already has rows',
      remedy: 'make the property nullable in the CSDL, or add the column and fill it for every row by hand',
    }))],
  };
}

async function hasRows(queryRunner: QueryRunner, metadata: EntityMetadata): Promise<boolean> {
  const rows: unknown[] = await queryRunner.query(`SELECT 1 FROM ${quoteTablePath(queryRunner.connection.driver, metadata)} LIMIT 1`);
  return rows.length > 0;
}

async function applyPlan(queryRunner: QueryRunner, { metadata, expected, actual, missing, statements }: TablePlan): Promise<void> {
  if (!actual) {
    await queryRunner.createTable(expected, true);
    return;
  }
  for (const statement of statements) await queryRunner.query(statement);
  const driver = queryRunner.connection.driver;
  // A plain ADD COLUMN on both engines: no rewrite of the rows. NOT NULL only reaches here for an empty table,
  // which both PostgreSQL and the SQLite bundled with better-sqlite3 (3.53) accept without a default.
  for (const column of missing) {
    const notNull = column.isNullable ? '' : ' NOT NULL';
    await queryRunner.query(
      `ALTER TABLE ${quoteTablePath(driver, metadata)} ADD COLUMN ${driver.escape(column.name)} ${driver.createFullType(column)}${notNull}`,
    );
  }
}
