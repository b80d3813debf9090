// SQLite statements on the one better-sqlite3 connection of a store, prepared once per SQL text. A transaction owns
// that connection from BEGIN to COMMIT or ROLLBACK: meanwhile every statement made on its behalf (its async context)
// runs at once and every other one waits (an async mutex, first come first served), so that no foreign statement
// lands inside a transaction that may roll back.
import { Mutex } from 'async-mutex';
import type { SqlRunner } from './sql-runner';
import { createTransactionContext } from './transaction-context';

interface PreparedStatement {
  readonly reader: boolean;
  all(...params: unknown[]): Record<string, unknown>[];
  run(...params: unknown[]): unknown;
}

export interface SqliteConnection {
  prepare(sql: string): PreparedStatement;
  readonly inTransaction: boolean;
}

/** Distinct query shapes kept prepared; the oldest is dropped past it. */
const CACHED_STATEMENTS = 256;

/** `wrote`: told after each statement that returns no rows (a write, BEGIN, COMMIT), e.g. to start checkpointing. */
export function createSqliteRunner(connection: SqliteConnection, wrote: () => void = () => undefined): SqlRunner {
  const run = statementRunner(connection, wrote);
  const transaction = createTransactionContext<SqliteConnection>();
  const owner = new Mutex();
  return {
    query: async (sql, params) => {
      // Statements run synchronously: with the connection free (or owned by the caller's transaction) nothing can interleave.
      if (transaction.current() !== undefined) return transaction.statement(async () => run(sql, params));
      if (!owner.isLocked()) return run(sql, params);
      return owner.runExclusive(() => run(sql, params));
    },
    inTransaction: async (work, timeoutMs) => {
      if (transaction.current() !== undefined) return work();
      return owner.runExclusive(async () => {
        // IMMEDIATE takes the write lock now (other processes on the file wait up to the busy timeout), not at the first write.
        run('BEGIN IMMEDIATE', []);
        try {
          const result = await transaction.run(connection, work, timeoutMs);
          run('COMMIT', []);
          return result;
        } catch (error) {
          if (connection.inTransaction) run('ROLLBACK', []);
          throw error;
        }
      });
    },
  };
}

function statementRunner(connection: SqliteConnection, wrote: () => void) {
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
  return (sql: string, params: readonly unknown[]): Record<string, unknown>[] => {
    const statement = prepare(sql);
    // better-sqlite3 binds no booleans: 1 and 0, as TypeORM's own query runner does.
    const bound = params.map((param) => (typeof param === 'boolean' ? Number(param) : param));
    if (statement.reader) return statement.all(...bound);
    statement.run(...bound);
    wrote();
    return [];
  };
}
