// A thin wrapper that times each statement of a SqlRunner (one clock read before, one when it settles) and reports
// it by kind; the runner itself is untouched.
import type { SqlRunner } from './sql-runner';

export type StatementKind = 'select' | 'insert' | 'update' | 'delete' | 'other';

/** Called once per statement with its kind and how long it took, failed ones included. */
export type QueryObserver = (kind: StatementKind, seconds: number) => void;

/** The kind from the statement's first keyword (the store's SQL starts with it; `WITH` begins a read). */
export function statementKind(sql: string): StatementKind {
  switch (sql.charCodeAt(0) | 0x20) {
    case 0x73: case 0x77: return 'select'; // s, w
    case 0x69: return 'insert'; // i
    case 0x75: return 'update'; // u
    case 0x64: return 'delete'; // d
    default: return 'other';
  }
}

export function timeQueries(runner: SqlRunner, observe: QueryObserver | undefined): SqlRunner {
  if (observe === undefined) return runner;
  return {
    query: (sql, params) => {
      const started = performance.now();
      const done = () => observe(statementKind(sql), (performance.now() - started) / 1000);
      const result = runner.query(sql, params);
      result.then(done, done);
      return result;
    },
    inTransaction: (work, timeoutMs) => runner.inTransaction(work, timeoutMs),
  };
}
