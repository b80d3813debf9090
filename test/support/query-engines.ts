// Runs compiled queries on real SQLite and PostgreSQL tables built from the model and seeded with the fixture.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { primitiveType } from '../../src/model/edm-primitive-types';
import type { EntitySet } from '../../src/model/service-model';
import type { Dialect, SqlStatement } from '../../src/query';
import { postgresTestDatabase } from './postgres';
import type { EventRow } from './query-fixture';

// pg ships no type declarations: the part used here, typed locally
type TypeParser = (text: string) => unknown;
interface PgClient {
  connect(): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
}
const pg = require('pg') as {
  Client: new (config: object) => PgClient;
  types: { getTypeParser(oid: number, format?: string): TypeParser };
};

export interface QueryEngine {
  readonly dialect: Dialect;
  /** Rows as JSON (wire) values, converted back through the Edm type table. */
  rows(statement: SqlStatement): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

function createTable(entitySet: EntitySet, dialect: Dialect): string {
  const collation = (type: string) => primitiveType(type).collation?.[dialect];
  const columns = entitySet.entityType.properties.map((property) => `"${property.name}" ${primitiveType(property.type).column[dialect]}`
    + `${collation(property.type) ? ` COLLATE "${collation(property.type)}"` : ''}`
    + `${property.nullable ? '' : ' NOT NULL'}${entitySet.entityType.key.includes(property.name) ? ' PRIMARY KEY' : ''}`);
  return `CREATE TABLE "${entitySet.name}" (${columns.join(', ')})`;
}

function storedRow(entitySet: EntitySet, row: EventRow): unknown[] {
  return entitySet.entityType.properties.map((property) => {
    const value = row[property.name] ?? null;
    if (value === null) return null;
    const checked = primitiveType(property.type).check(value, property);
    if (!checked.ok) throw new Error(`fixture ${property.name} ${checked.reason}`);
    return checked.stored;
  });
}

function wireRow(entitySet: EntitySet, stored: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(stored)) {
    const property = entitySet.entityType.properties.find((candidate) => candidate.name === name);
    row[name] = property ? primitiveType(property.type).fromStored(value ?? null) : value;
  }
  return row;
}

export async function openSqlite(entitySet: EntitySet, rows: readonly EventRow[]): Promise<QueryEngine> {
  const directory = mkdtempSync(join(tmpdir(), 'query-test-'));
  const database = new Database(join(directory, 'query.sqlite'));
  database.exec(createTable(entitySet, 'sqlite'));
  const insert = database.prepare(`INSERT INTO "${entitySet.name}" VALUES (${entitySet.entityType.properties.map(() => '?').join(', ')})`);
  database.transaction(() => rows.forEach((row) => insert.run(...storedRow(entitySet, row))))();
  return {
    dialect: 'sqlite',
    rows: async ({ sql, params }) => (database.prepare(sql).all(...params) as Record<string, unknown>[]).map((row) => wireRow(entitySet, row)),
    close: async () => {
      database.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh schema through the shared postgresTestDatabase (TEST_POSTGRES_URL, CI=true fails when unreachable, else
 * undefined after one printed line), read through a client of its own that returns timestamptz, date and time as text:
 * node-postgres' default Date parser drops microseconds.
 */
export async function openPostgres(entitySet: EntitySet, rows: readonly EventRow[]): Promise<QueryEngine | undefined> {
  const database = await postgresTestDatabase();
  if (!database) return undefined;
  const text: TypeParser = (value) => value;
  const client = new pg.Client({
    connectionString: database.url,
    options: `-c search_path="${database.schema}" -c TimeZone=UTC`,
    types: { getTypeParser: (oid: number, format?: string) => ([1082, 1083, 1184].includes(oid) ? text : pg.types.getTypeParser(oid, format)) },
  });
  await client.connect();
  await client.query(createTable(entitySet, 'postgres'));
  const placeholders = entitySet.entityType.properties.map((_, index) => `$${index + 1}`).join(', ');
  for (const row of rows) await client.query(`INSERT INTO "${entitySet.name}" VALUES (${placeholders})`, storedRow(entitySet, row));
  return {
    dialect: 'postgres',
    rows: async ({ sql, params }) => (await client.query(sql, [...params])).rows.map((row) => wireRow(entitySet, row)),
    close: async () => {
      await client.end();
      await database.drop();
    },
  };
}

/** Declares `body` once per engine; the PostgreSQL suite is skipped when postgresTestDatabase skips. */
export function describeOnEngines(title: string, entitySet: EntitySet, rows: readonly EventRow[], body: (engine: () => QueryEngine) => void): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    describe(`${title} (${dialect})`, function () {
      let engine: QueryEngine | undefined;
      before(async function () {
        engine = dialect === 'sqlite' ? await openSqlite(entitySet, rows) : await openPostgres(entitySet, rows);
        if (!engine) this.skip();
      });
      after(async () => engine?.close());
      body(() => engine as QueryEngine);
    });
  }
}
