// Start-up migration to a deletable change-tracked set: a previous release's database (the set tracked, not deletable) gets
// the tombstone tables beside its table, which keeps its rows, columns, indexes (and on PostgreSQL its file); links issued
// before stay exact and report later deletes.
import { expect } from 'chai';
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { tombstoneIndexName } from '../../src/persistence/tombstones';
import { withDeletableSet } from '../metadata/csdl-variants';
import { walkRound } from '../support/delta-client';
import { postgresTestDatabase, type PostgresTestDatabase } from '../support/postgres';
import { EVENTS, startTestGateway, temporaryDirectory, TEST_ENGINES, writeVariantCsdl, type TestGateway } from '../support/test-gateway';

const TABLE = 'privilegedOperationEvents';

for (const engine of TEST_ENGINES) describe(`the tombstone migration on ${engine}`, function () {
  this.timeout(60_000);
  const directory = temporaryDirectory();
  let database: PostgresTestDatabase | undefined;
  let env: Record<string, string>;
  const opened: TestGateway[] = [];
  const open = async (extra: Record<string, string> = {}) => {
    const gateway = await startTestGateway({ directory, env: { ...env, ...extra } });
    opened.push(gateway);
    return gateway;
  };
  /** The tables of the database, the entity table's columns and indexes, and on PostgreSQL the file that holds its rows. */
  const inspect = async () => {
    if (database) {
      const tables = await database.query('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [database.schema]);
      const columns = await database.query('SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2', [database.schema, TABLE]);
      const indexes = await database.query('SELECT indexname FROM pg_indexes WHERE schemaname = $1', [database.schema]);
      const [file] = await database.query(`SELECT pg_relation_filenode('"${database.schema}"."${TABLE}"'::regclass)::text AS node`);
      return { tables: tables.map((row) => row.table_name).sort(), columns: columns.map((row) => row.column_name).sort(), indexes: indexes.map((row) => row.indexname).sort(), file: file.node };
    }
    const db = new Database(join(directory, 'gateway.sqlite'), { readonly: true });
    try {
      const names = (type: string) => (db.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').all(type) as { name: string }[]).map((row) => row.name);
      const columns = (db.prepare(`PRAGMA table_info("${TABLE}")`).all() as { name: string }[]).map((row) => row.name).sort();
      return { tables: names('table'), columns, indexes: names('index'), file: undefined };
    } finally {
      db.close();
    }
  };

  before(async function () {
    if (engine === 'postgres') {
      database = await postgresTestDatabase();
      if (!database) this.skip();
      env = { DATABASE_URL: database!.url, DATABASE_SCHEMA: database!.schema };
    } else {
      env = { DATABASE_URL: `sqlite:${join(directory, 'gateway.sqlite')}` };
    }
    // The default token key is a hash of the CSDL, which changes here: a set secret keeps links valid across the change.
    env = { ...env, SKIPTOKEN_SECRET: 'a-secret-of-at-least-32-bytes-for-links!' };
  });
  after(async () => {
    for (const gateway of opened) await gateway.close();
    await database?.drop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('adds the tombstone tables and index, touches no stored row, and a link of the previous release reports a later delete', async () => {
    const previous = await open();
    const ids: string[] = [];
    for (let index = 0; index < 10; index += 1) ids.push((await request(previous.app).post(EVENTS).send({ userId: `old-${index}` }).expect(201)).body.id);
    const stored = (await request(previous.app).get(EVENTS).expect(200)).body.value;
    const link = (await walkRound(previous.app, `${EVENTS}/delta`)).deltaLink;
    const before = await inspect();
    await previous.close();

    const current = await open({ CSDL_FILE: writeVariantCsdl(directory, withDeletableSet) });
    const after = await inspect();
    expect(after.tables).to.have.members([...before.tables, `${TABLE}$removed`, `${TABLE}$purged`]);
    expect(after.columns).to.deep.equal(before.columns);
    expect(after.indexes).to.include(tombstoneIndexName(TABLE)).and.include.members(before.indexes);
    if (database) expect(after.file, 'the table was not rewritten').to.equal(before.file);
    expect((await request(current.app).get(EVENTS).expect(200)).body.value).to.deep.equal(stored);

    await request(current.app).delete(`${EVENTS}('${ids[3]}')`).expect(204);
    const added = (await request(current.app).post(EVENTS).send({ userId: 'new' }).expect(201)).body.id;
    const round = await walkRound(current.app, link);
    const created = withoutContext((await request(current.app).get(`${EVENTS}('${added}')`).expect(200)).body);
    expect(round.entities).to.deep.equal([{ id: ids[3], '@removed': { reason: 'deleted' } }, created]);
  });

  it('is done once: a restart finds the tables and changes nothing', async () => {
    const before = await inspect();
    await open({ CSDL_FILE: writeVariantCsdl(directory, withDeletableSet) });
    expect(await inspect()).to.deep.equal(before);
  });
});

function withoutContext(entity: Record<string, unknown>): Record<string, unknown> {
  const { '@odata.context': _context, ...rest } = entity;
  return rest;
}
