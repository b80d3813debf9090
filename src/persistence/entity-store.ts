// The EntityStore: opens the configured database, brings its tables in line with the model and stores entities.
import { resolve } from 'node:path';
import type { EntitySet, ServiceModel } from '../model/service-model';
import type { DatabaseConfig } from './database-config';
import { ensureSchema } from './ensure-schema';
import { prepareEntityStatements, type EntityStatements } from './entity-statements';
import { openDataSource } from './open-data-source';
import { poolStatsOf, type PoolStats } from './pool-stats';
import { createSqlRunner } from './sql-runner';
import { purgeTombstones } from './purge-tombstones';
import { timeQueries, type QueryObserver } from './timed-sql-runner';
import { DEFAULT_TRANSACTION_TIMEOUT_MS } from './transaction-context';
import { toEntitySchema } from './to-entity-schema';
import { REMOVED_ALIAS, type TombstoneSql } from './tombstones';
import { createWalCheckpointer } from './wal-checkpointer';

export interface EntityStore {
  readonly engine: 'sqlite' | 'postgres';
  /**
   * values: property name -> value already checked and converted by primitiveType(type).check(...).stored; absent
   * properties are stored as NULL. Resolves after the row is committed, with the entity in wire form: every property
   * of the type present, absent ones null, values converted with primitiveType(type).fromStored.
   */
  insert(entitySet: EntitySet, values: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>>;
  /** The entity in wire form, or undefined. */
  findByKey(entitySet: EntitySet, key: string): Promise<Record<string, unknown> | undefined>;
  /** Number of rows (used by tests to prove that bad input changed nothing). */
  count(entitySet: EntitySet): Promise<number>;
  /** Resolves when the database answers a trivial query (readiness). */
  ping(): Promise<void>;
  /** The PostgreSQL schema the tables live in, when one is configured (for SQL built elsewhere). */
  readonly schema?: string;
  /** Runs a SELECT of the entity set's columns (built by the query compiler); rows in wire form. */
  select(entitySet: EntitySet, statement: StoreStatement): Promise<Record<string, unknown>[]>;
  /** A change-tracked set's current change position (PostgreSQL: snapshot text; SQLite: the largest position). */
  changePosition(entitySet: EntitySet): Promise<string>;
  /** Runs a delta round's SELECT (src/delta): each row's entity in wire form and its `CHANGE_POSITION_ALIAS` column as text. */
  selectChanges(entitySet: EntitySet, statement: StoreStatement): Promise<TrackedRow[]>;
  /** A deletable change-tracked set's purge horizon: every tombstone at or below it may be gone; undefined: none purged yet. */
  removedHorizon(entitySet: EntitySet): Promise<string | undefined>;
  /** Deletes up to PURGE_BATCH of the oldest tombstones recorded before `before` (epoch ms), raising the horizon first; resolves with how many. */
  purgeRemoved(entitySet: EntitySet, before: number): Promise<number>;
  /** Runs a `SELECT COUNT(*) AS "count"` statement. */
  countWhere(statement: StoreStatement): Promise<number>;
  /**
   * In one transaction: reads the entity (locked), lets `precondition` refuse by throwing, writes `values` (stored
   * forms of the properties to change). Resolves with the new wire entity, or undefined when the key is unknown.
   */
  update(entitySet: EntitySet, key: string, values: Readonly<Record<string, unknown>>, precondition: Precondition): Promise<Record<string, unknown> | undefined>;
  /** Like update; resolves true when the entity existed and is deleted. */
  delete(entitySet: EntitySet, key: string, precondition: Precondition): Promise<boolean>;
  /**
   * Runs `work` in one database transaction: every call of this store made on its behalf (in its async context, e.g.
   * by the inner requests of a batch's atomicity group) joins it. Committed when `work` resolves; rolled back when it
   * rejects (rethrown) or is still running after `timeoutMs` (rejects with TransactionTimeoutError; later calls of the
   * work throw TransactionEndedError). SQLite: other calls of this store wait until it ends. Nested calls join.
   */
  inTransaction<T>(work: () => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
  /** The connection pool's counts for metrics; undefined on SQLite (one connection, no pool). */
  poolStats(): PoolStats | undefined;
}

export interface TransactionOptions {
  /** Default DEFAULT_TRANSACTION_TIMEOUT_MS. */
  readonly timeoutMs?: number;
}

/** Checks the current entity (wire form) before a change, e.g. against If-Match; throws to refuse. */
export type Precondition = (current: Readonly<Record<string, unknown>>) => void;

/** A row of a delta round: the entity, and its change position and key as the next page's keyset starts after them. */
export interface TrackedRow {
  readonly entity: Record<string, unknown>;
  readonly position: string;
  /** A tombstone: only the key of `entity` is set. */
  readonly removed: boolean;
}

/** The column alias a delta round's SELECT gives the change position (as text). */
export const CHANGE_POSITION_ALIAS = '$position';

/** SQL with its bound parameters, placeholders in the engine's own style. */
export interface StoreStatement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** `observeQuery`: told each hot statement's kind and duration (the gateway's query latency metric);
 * `onCheckpointFailure`: told when SQLite's WAL checkpoint thread fails (wal-checkpointer.ts). */
export async function openEntityStore(
  model: ServiceModel, database: DatabaseConfig, observeQuery?: QueryObserver, onCheckpointFailure?: (error: Error) => void,
): Promise<EntityStore> {
  const engine = database.engine;
  const dataSource = await openDataSource(database, model.entitySets.map((entitySet) => toEntitySchema(entitySet, engine)));
  let statements: ReadonlyMap<string, EntityStatements>;
  try {
    await ensureSchema(dataSource, model.entitySets, engine);
    statements = new Map(model.entitySets.map((entitySet) => [entitySet.name, prepareEntityStatements(entitySet, dataSource)]));
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  // SQLite: WAL checkpoints on a thread of their own, started by the first write (wal-checkpointer.ts).
  const checkpointer = database.engine === 'sqlite' ? createWalCheckpointer(resolve(database.file), onCheckpointFailure) : undefined;
  const sql = timeQueries(createSqlRunner(dataSource, checkpointer?.wrote), observeQuery);
  const prepared = (entitySet: EntitySet): EntityStatements => {
    const found = statements.get(entitySet.name);
    if (!found) throw new Error(`entity set '${entitySet.name}' is not in the model the store was opened with`);
    return found;
  };
  const tombstonesOf = (entitySet: EntitySet): TombstoneSql => {
    const found = prepared(entitySet).tombstones;
    if (!found) throw new Error(`entity set '${entitySet.name}' keeps no tombstones`);
    return found;
  };
  return {
    engine,
    async insert(entitySet, values) {
      const statement = prepared(entitySet);
      // A single statement outside a transaction is committed when the driver reports it done.
      await sql.query(statement.insert, statement.toParameters(values));
      return statement.toWire(values);
    },
    async findByKey(entitySet, key) {
      const statement = prepared(entitySet);
      const rows = await sql.query(statement.selectByKey, [key]);
      return rows.length > 0 ? statement.toWire(rows[0]) : undefined;
    },
    async count(entitySet) {
      const rows = await sql.query(prepared(entitySet).count, []);
      return Number(rows[0].count);
    },
    schema: database.engine === 'postgres' ? database.schema : undefined,
    async select(entitySet, statement) {
      const toWire = prepared(entitySet).toWire;
      const rows = await sql.query(statement.sql, statement.params);
      return rows.map((row) => toWire(row));
    },
    async changePosition(entitySet) {
      const changes = prepared(entitySet).changes;
      if (!changes) throw new Error(`entity set '${entitySet.name}' is not change-tracked`);
      const rows = await sql.query(changes.current, []);
      return String(rows[0].position);
    },
    async selectChanges(entitySet, statement) {
      const toWire = prepared(entitySet).toWire;
      const rows = await sql.query(statement.sql, statement.params);
      return rows.map((row) => ({ entity: toWire(row), position: String(row[CHANGE_POSITION_ALIAS]), removed: Number(row[REMOVED_ALIAS]) === 1 }));
    },
    async removedHorizon(entitySet) {
      const rows = await sql.query(tombstonesOf(entitySet).horizon, []);
      return rows.length === 0 ? undefined : String(rows[0].position);
    },
    purgeRemoved: (entitySet, before) => purgeTombstones(sql, tombstonesOf(entitySet), before),
    async countWhere(statement) {
      const rows = await sql.query(statement.sql, statement.params);
      return Number(rows[0].count);
    },
    async update(entitySet, key, values, precondition) {
      const statement = prepared(entitySet);
      // The same transaction mechanism as atomicity groups: on SQLite no other request's statement lands inside it.
      return sql.inTransaction(async () => {
        const rows = await sql.query(statement.selectByKeyForUpdate, [key]);
        if (rows.length === 0) return undefined;
        precondition(statement.toWire(rows[0]));
        const names = Object.keys(values);
        if (names.length > 0) await sql.query(statement.update(names), [...names.map((name) => values[name]), key]);
        return statement.toWire({ ...rows[0], ...values });
      }, DEFAULT_TRANSACTION_TIMEOUT_MS);
    },
    async delete(entitySet, key, precondition) {
      const statement = prepared(entitySet);
      return sql.inTransaction(async () => {
        const rows = await sql.query(statement.selectByKeyForUpdate, [key]);
        if (rows.length === 0) return false;
        precondition(statement.toWire(rows[0]));
        // Tombstone first: on SQLite its MAX + 1 still counts the row's own position.
        if (statement.tombstones) await sql.query(statement.tombstones.record, [key, Date.now()]);
        await sql.query(statement.deleteByKey, [key]);
        return true;
      }, DEFAULT_TRANSACTION_TIMEOUT_MS);
    },
    inTransaction(work, options = {}) {
      return sql.inTransaction(work, options.timeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS);
    },
    async ping() {
      // Reads no row, so on SQLite it need not wait for an open transaction (readiness stays prompt during one).
      await dataSource.query('SELECT 1');
    },
    async close() {
      await checkpointer?.close(); // first: the request connection, closing last, then checkpoints and removes the WAL
      if (dataSource.isInitialized) await dataSource.destroy();
    },
    poolStats: () => poolStatsOf(dataSource),
  };
}
