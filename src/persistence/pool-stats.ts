// What a metrics scrape reads of the database connections: the PostgreSQL pool's counts (pg.Pool through TypeORM's
// driver); undefined on SQLite, whose one synchronous better-sqlite3 connection is no pool.
import type { DataSource } from 'typeorm';

export interface PoolStats {
  /** Connections open, idle ones included. */
  readonly total: number;
  readonly idle: number;
  /** Queries waiting for a connection. */
  readonly waiting: number;
  /** The configured ceiling (DATABASE_POOL_SIZE; pg's default 10). */
  readonly max: number;
}

interface PgPool {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  readonly options: { readonly max: number };
}

export function poolStatsOf(dataSource: DataSource): PoolStats | undefined {
  if (dataSource.options.type !== 'postgres' || !dataSource.isInitialized) return undefined;
  const pool = (dataSource.driver as unknown as { master?: PgPool }).master;
  if (pool === undefined) return undefined;
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max };
}
