// PostgreSQL statements: through TypeORM's pool, or on the dedicated connection (a QueryRunner) of the transaction
// the calling async context belongs to, BEGIN … COMMIT or ROLLBACK.
import type { DataSource, QueryRunner } from 'typeorm';
import type { SqlRunner } from './sql-runner';
import { createTransactionContext } from './transaction-context';

export function createPostgresRunner(dataSource: DataSource): SqlRunner {
  const transaction = createTransactionContext<QueryRunner>();
  return {
    query: async (sql, params) => (transaction.current() ?? dataSource).query(sql, [...params]),
    inTransaction: async (work, timeoutMs) => {
      if (transaction.current() !== undefined) return work();
      const runner = dataSource.createQueryRunner();
      try {
        await runner.connect();
        await runner.startTransaction();
        const result = await transaction.run(runner, work, timeoutMs);
        await runner.commitTransaction();
        return result;
      } catch (error) {
        // A statement of the work may still be running after a timeout: ROLLBACK waits for it (statement_timeout).
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      } finally {
        await runner.release();
      }
    },
  };
}
