// Runs the store's hot statements: on SQLite as prepared statements of TypeORM's better-sqlite3 connection, cached by
// their SQL text (a query shape is compiled to the same SQL whatever its literals); elsewhere through TypeORM.
import type { DataSource } from 'typeorm';

export interface SqlRunner {
  /** Rows of a statement that reads; an empty array for one that writes. */
  query(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]>;
}

interface PreparedStatement {
  readonly reader: boolean;
  all(...params: unknown[]): Record<string, unknown>[];
  run(...params: unknown[]): unknown;
}

interface SqliteConnection {
  prepare(sql: string): PreparedStatement;
}

/** Distinct query shapes kept prepared; the oldest is dropped past it. */
const CACHED_STATEMENTS = 256;

export function createSqlRunner(dataSource: DataSource): SqlRunner {
  if (dataSource.options.type !== 'better-sqlite3') {
    return { query: async (sql, params) => dataSource.query(sql, [...params]) };
  }
  const connection = (dataSource.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
  const cache = new Map<string, PreparedStatement>();
  const prepare = (sql: string): PreparedStatement => {
    let statement = cache.get(sql);
    if (statement === undefined) {
      statement = connection.prepare(sql);
      if (cache.size >= CACHED_STATEMENTS) cache.delete(cache.keys().next().value as string);
      cache.set(sql, statement);
    }
    return statement;
  };
  return {
    query: async (sql, params) => {
      const statement = prepare(sql);
      // better-sqlite3 binds no booleans: 1 and 0, as TypeORM's own query runner does.
      const bound = params.map((param) => (typeof param === 'boolean' ? Number(param) : param));
      if (statement.reader) return statement.all(...bound);
      statement.run(...bound);
      return [];
    },
  };
}
