// Runs the store's statements, inside the transaction of the calling async context when there is one: on SQLite as
// prepared statements of TypeORM's better-sqlite3 connection, on PostgreSQL through TypeORM's pool.
import type { DataSource } from 'typeorm';
import { createPostgresRunner } from './postgres-runner';
import { createSqliteRunner, type SqliteConnection } from './sqlite-runner';

export interface SqlRunner {
  /** Rows of a statement that reads; an empty array for one that writes. */
  query(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]>;
  /**
   * Runs `work` in one transaction: every `query` made on its behalf (in its async context) joins it; committed when
   * `work` resolves, rolled back when it rejects or is still running after `timeoutMs` (TransactionTimeoutError).
   * Called inside a transaction, `work` simply joins it.
   */
  inTransaction<T>(work: () => Promise<T>, timeoutMs: number): Promise<T>;
}

/** `wrote` (SQLite): told after each statement that writes (see createSqliteRunner). */
export function createSqlRunner(dataSource: DataSource, wrote?: () => void): SqlRunner {
  if (dataSource.options.type !== 'better-sqlite3') return createPostgresRunner(dataSource);
  return createSqliteRunner((dataSource.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection, wrote);
}
