// PostgreSQL statements: through TypeORM's pool, or on the dedicated connection (a QueryRunner) of the transaction
// the calling async context belongs to, BEGIN … COMMIT or ROLLBACK. The statements of one transaction go to its
// connection one at a time (pg deprecates queueing queries on a busy client).
import { Mutex } from 'async-mutex';
import type { DataSource, QueryRunner } from 'typeorm';
import type { SqlRunner } from './sql-runner';
import { createTransactionContext } from './transaction-context';

interface Connection {
  readonly runner: QueryRunner;
  readonly turn: Mutex;
}

export function createPostgresRunner(dataSource: DataSource): SqlRunner {
  const transaction = createTransactionContext<Connection>();
  return {
    query: async (sql, params) => {
      const connection = transaction.current();
      if (connection === undefined) return dataSource.query(sql, [...params]);
      return transaction.statement(() => connection.turn.runExclusive(() => connection.runner.query(sql, [...params])));
    },
    inTransaction: async (work, timeoutMs) => {
      if (transaction.current() !== undefined) return work();
      const connection: Connection = { runner: dataSource.createQueryRunner(), turn: new Mutex() };
      const { runner, turn } = connection;
      try {
        await runner.connect();
        await runner.startTransaction();
        const result = await transaction.run(connection, work, timeoutMs);
        await turn.runExclusive(() => runner.commitTransaction());
        return result;
      } catch (error) {
        // After a timeout a statement of the work may still be running: ROLLBACK waits for it (statement_timeout).
        if (runner.isTransactionActive) await turn.runExclusive(() => runner.rollbackTransaction()).catch(() => undefined);
        throw error;
      } finally {
        await runner.release();
      }
    },
  };
}
