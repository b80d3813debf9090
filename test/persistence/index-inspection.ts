// A store on a fresh database of either engine, with what the database itself reports: indexes, query plans; and bulk seeding.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceModel } from '../../src/model/service-model';
import type { DatabaseConfig } from '../../src/persistence/database-config';
import { openEntityStore, type EntityStore } from '../../src/persistence/entity-store';
import type { SqlStatement } from '../../src/query';
import { postgresTestDatabase } from '../support/postgres';
import type { TestEngine } from '../support/test-gateway';

export interface InspectedDatabase {
  readonly config: DatabaseConfig;
  readonly schema?: string;
  open(model: ServiceModel): Promise<EntityStore>;
  /** Every index of the table: name → its columns as the database describes them. */
  indexes(table: string): Promise<Record<string, string>>;
  /** The plan lines of a statement (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL), after ANALYZE. */
  plan(statement: SqlStatement): Promise<string[]>;
  /** Rows of Graph's documented request types in a skewed mix, spread over 2017, then ANALYZE. */
  seed(table: string, rows: number): Promise<void>;
  drop(): Promise<void>;
}

/** Percentages of Graph's documented requestType values in the seeded rows: a few common, most rare. */
export const REQUEST_TYPE_MIX: readonly (readonly [string, number])[] = [
  ['Assign', 30], ['Activate', 30], ['Deactivate', 15], ['Unassign', 10], ['ScanAlersNow', 3], ['DismissAlert', 3],
  ['FixAlertItem', 3], ['AccessReview_Review', 2], ['AccessReview_Create', 2], ['AccessReview_Update', 1], ['AccessReview_Delete', 1],
];

function requestTypeOf(row: number): string {
  let percent = row % 100;
  for (const [type, share] of REQUEST_TYPE_MIX) {
    if (percent < share) return type;
    percent -= share;
  }
  throw new Error('REQUEST_TYPE_MIX does not add up to 100');
}

export async function inspectedDatabase(engine: TestEngine): Promise<InspectedDatabase | undefined> {
  return engine === 'sqlite' ? inspectedSqlite() : inspectedPostgres();
}

function inspectedSqlite(): InspectedDatabase {
  const directory = mkdtempSync(join(tmpdir(), 'indexes-'));
  const config: DatabaseConfig = { engine: 'sqlite', file: join(directory, 'gateway.sqlite') };
  const stores: EntityStore[] = [];
  // A second connection beside the store's (WAL): it sees what the store committed.
  const connect = () => new Database(join(directory, 'gateway.sqlite'));
  return {
    config,
    open: async (model) => { const store = await openEntityStore(model, config); stores.push(store); return store; },
    indexes: async (table) => withConnection(connect, (db) => Object.fromEntries(
      (db.prepare(`PRAGMA index_list("${table}")`).all() as { name: string }[]).map(({ name }) => [name,
        (db.prepare(`PRAGMA index_xinfo("${name}")`).all() as { name: string; desc: number; coll: string; key: number }[])
          .filter((column) => column.key === 1).map((column) => `${column.name} ${column.desc ? 'desc' : 'asc'} ${column.coll}`).join(', ')]),
    )),
    plan: async ({ sql, params }) => withConnection(connect, (db) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
      .map((row) => row.detail)),
    seed: async (table, rows) => withConnection(connect, (db) => {
      const insert = db.prepare(`INSERT INTO "${table}" ("id", "creationDateTime", "requestType") VALUES (?, ?, ?)`);
      const start = Date.parse('2017-01-01T00:00:00Z');
      db.transaction(() => {
        for (let row = 0; row < rows; row += 1) {
          const created = new Date(start + Math.floor((row * 365 * 86_400_000) / rows)).toISOString().replace('Z', '000Z');
          insert.run(`00000000-0000-4000-8000-${String(row).padStart(12, '0')}`, created, requestTypeOf(row));
        }
      })();
      db.exec('ANALYZE');
    }),
    drop: async () => {
      await Promise.all(stores.splice(0).map((store) => store.close()));
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

function withConnection<T>(connect: () => Database.Database, use: (db: Database.Database) => T): T {
  const db = connect();
  try {
    return use(db);
  } finally {
    db.close();
  }
}

async function inspectedPostgres(): Promise<InspectedDatabase | undefined> {
  const database = await postgresTestDatabase();
  if (!database) return undefined;
  const config: DatabaseConfig = { engine: 'postgres', url: database.url, schema: database.schema };
  const stores: EntityStore[] = [];
  const mix = REQUEST_TYPE_MIX.map(([type, share], index) => `WHEN g % 100 < ${REQUEST_TYPE_MIX.slice(0, index + 1)
    .reduce((sum, [, part]) => sum + part, 0)} THEN '${type}'`).join(' ');
  return {
    config,
    schema: database.schema,
    open: async (model) => { const store = await openEntityStore(model, config); stores.push(store); return store; },
    indexes: async (table) => Object.fromEntries((await database.query(
      'SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = $2', [database.schema, table],
    )).map((row) => [String(row.indexname), String(row.indexdef).replace(/^.* USING btree \((.*)\)$/, '$1')])),
    plan: async ({ sql, params }) => (await database.query(`EXPLAIN ${sql}`, params)).map((row) => String(row['QUERY PLAN'])),
    seed: async (table, rows) => {
      const target = `"${database.schema}"."${table}"`;
      await database.query(`INSERT INTO ${target} ("id", "creationDateTime", "requestType")
        SELECT '00000000-0000-4000-8000-' || lpad(g::text, 12, '0'), timestamptz '2017-01-01 00:00:00+00' + (g * interval '365 days') / $1::int,
          CASE ${mix} END FROM generate_series(0, $1::int - 1) AS g`, [rows]);
      await database.query(`ANALYZE ${target}`);
    },
    drop: async () => {
      await Promise.all(stores.splice(0).map((store) => store.close()));
      await database.drop();
    },
  };
}
