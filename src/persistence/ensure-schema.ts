// Start-up schema work (tables, then indexes) in one transaction that instances starting together take in turns.
import { createHash } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Engine } from '../model/edm-primitive-types';
import type { EntitySet } from '../model/service-model';
import { ensureChangePositions } from './ensure-change-positions';
import { ensureIndexes } from './ensure-indexes';
import { ensureTables } from './ensure-tables';

/**
 * Without turns, two instances on an empty database can both find a table missing (TypeORM checks, then creates) and
 * the second CREATE fails: on PostgreSQL with a unique violation in its catalog, as test/persistence/declared-indexes
 * shows. DDL is transactional on both engines, so a failed start-up also leaves no half-made schema behind.
 */
export async function ensureSchema(dataSource: DataSource, entitySets: readonly EntitySet[], engine: Engine): Promise<void> {
  const queryRunner = dataSource.createQueryRunner();
  let restore = async () => undefined as void;
  try {
    restore = await beginInTurn(queryRunner, engine);
    try {
      await ensureTables(queryRunner, entitySets);
      await ensureIndexes(queryRunner, entitySets, engine);
      await ensureChangePositions(queryRunner, entitySets, engine);
      await queryRunner.query('COMMIT');
    } catch (error) {
      await queryRunner.query('ROLLBACK').catch(() => undefined); // the first error is the one to report
      throw error;
    }
  } finally {
    await restore();
    await queryRunner.release();
  }
}

/**
 * SQLite's page cache while the start-up checks run, in pages: they read every row of a table once (the stored width
 * of each DateTimeOffset column, see timestamp-storage), and with the connection's own cache (better-sqlite3: 16 MB)
 * that scan would leave the cache full of pages no request asked for: +16 MB of resident memory at rest from 100k
 * rows on. A small cache makes the scan recycle its pages; the connection's size is restored afterwards.
 */
const START_UP_CACHE_PAGES = 64;

/** Begins the start-up transaction; returns what undoes its connection settings before the connection is released. */
async function beginInTurn(queryRunner: QueryRunner, engine: Engine): Promise<() => Promise<void>> {
  if (engine === 'sqlite') {
    const [{ cache_size: cacheSize }] = await queryRunner.query('PRAGMA cache_size') as { cache_size: number }[];
    await queryRunner.query(`PRAGMA cache_size = ${START_UP_CACHE_PAGES}`);
    const restoreCache = async () => { await queryRunner.query(`PRAGMA cache_size = ${Number(cacheSize)}`); };
    try {
      // IMMEDIATE takes the write lock now (waiting up to the busy timeout), so the checks below see the final schema.
      await queryRunner.query('BEGIN IMMEDIATE');
    } catch (error) {
      await restoreCache();
      throw error;
    }
    return restoreCache;
  }
  await queryRunner.query('BEGIN');
  // DATABASE_STATEMENT_TIMEOUT_MS bounds requests; waiting for another instance or building an index may take longer.
  await queryRunner.query('SET LOCAL statement_timeout = 0');
  const restore = liftClientReadTimeout(queryRunner);
  // A transaction-scoped advisory lock per schema: released by COMMIT, ROLLBACK or a lost connection.
  const schema = (queryRunner.connection.options as { schema?: string }).schema ?? '';
  try {
    await queryRunner.query('SELECT pg_advisory_xact_lock($1::bigint)', [advisoryLockKey(`graph-odata-gateway schema ${schema}`)]);
  } catch (error) {
    restore();
    throw error;
  }
  return async () => restore();
}

/**
 * The same for pg's client-side read timeout, on this connection only: pg reads connectionParameters.query_timeout
 * at every query and has no per-query setting that TypeORM passes on. Returns the function that restores it.
 */
function liftClientReadTimeout(queryRunner: QueryRunner): () => void {
  const client = (queryRunner as unknown as { databaseConnection?: { connectionParameters?: { query_timeout?: unknown } } }).databaseConnection;
  const parameters = client?.connectionParameters;
  if (!parameters) return () => undefined;
  const bound = parameters.query_timeout;
  parameters.query_timeout = false;
  return () => { parameters.query_timeout = bound; };
}

/** A signed 64-bit key, as pg_advisory_xact_lock(bigint) takes, derived from a name. */
function advisoryLockKey(name: string): string {
  return createHash('sha256').update(name).digest().readBigInt64BE(0).toString();
}
