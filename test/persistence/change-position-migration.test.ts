// Start-up migration: a table of the previous release (no change position) gets the column and its index, keeps every
// stored event as it was (on PostgreSQL without rewriting the table), and its events sort before every new one.
import { expect } from 'chai';
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { CHANGE_POSITION_COLUMN, changePositionIndexName } from '../../src/persistence/change-position';
import { withoutChangeTracking } from '../metadata/csdl-variants';
import { walkRound } from '../support/delta-client';
import { postgresTestDatabase, type PostgresTestDatabase } from '../support/postgres';
import { EVENTS, startTestGateway, temporaryDirectory, TEST_ENGINES, writeVariantCsdl, type TestGateway } from '../support/test-gateway';

const TABLE = 'privilegedOperationEvents';

for (const engine of TEST_ENGINES) describe(`the change position migration on ${engine}`, function () {
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
  /** What the engine says about the table: its columns, indexes, and on PostgreSQL the file that holds its rows. */
  const inspect = async () => {
    if (database) {
      const where = [database.schema, TABLE];
      const columns = await database.query('SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2', where);
      const indexes = await database.query('SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2', where);
      const [file] = await database.query(`SELECT pg_relation_filenode('"${database.schema}"."${TABLE}"'::regclass)::text AS node`);
      return { columns: columns.map((row) => row.column_name), indexes: indexes.map((row) => row.indexname), file: file.node };
    }
    const db = new Database(join(directory, 'gateway.sqlite'), { readonly: true });
    try {
      const columns = (db.prepare(`PRAGMA table_info("${TABLE}")`).all() as { name: string }[]).map((row) => row.name);
      const indexes = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?`).all(TABLE) as { name: string }[]).map((row) => row.name);
      return { columns, indexes, file: undefined };
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
  });
  after(async () => {
    for (const gateway of opened) await gateway.close();
    await database?.drop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('adds the column and index to a previous release\'s table, keeps its events, and puts them before every new one', async () => {
    // The previous release's table: the same code with change tracking off creates exactly what 306d719 created.
    const previous = await open({ CSDL_FILE: writeVariantCsdl(directory, withoutChangeTracking) });
    for (let index = 0; index < 25; index += 1) await request(previous.app).post(EVENTS).send({ userId: `old-${index}`, requestType: 'Assign' }).expect(201);
    const stored = (await request(previous.app).get(EVENTS).expect(200)).body.value;
    const before = await inspect();
    expect(before.columns).to.not.include(CHANGE_POSITION_COLUMN);
    await previous.close();

    const current = await open();
    const after = await inspect();
    expect(after.columns).to.deep.equal([...before.columns, CHANGE_POSITION_COLUMN]);
    expect(after.indexes).to.have.members([...before.indexes, changePositionIndexName(TABLE)]);
    if (database) expect(after.file, 'the table was not rewritten').to.equal(before.file);
    expect((await request(current.app).get(EVENTS).expect(200)).body.value).to.deep.equal(stored);

    const initial = await walkRound(current.app, `${EVENTS}/delta`);
    expect(initial.entities).to.have.deep.members(stored);
    const added = (await request(current.app).post(EVENTS).send({ userId: 'new' }).expect(201)).body.id;
    expect((await walkRound(current.app, initial.deltaLink)).entities.map((entity) => entity.id)).to.deep.equal([added]);
  });

  it('is done once: a restart finds the column and index and changes nothing', async () => {
    const before = await inspect();
    await open();
    expect(await inspect()).to.deep.equal(before);
  });

  if (engine === 'postgres') {
    it('gives rows that a previous-release instance still inserts a position too (the column DEFAULT), in the next round', async () => {
      const current = opened[opened.length - 1];
      const latest = (await request(current.app).get(`${EVENTS}/delta?$deltatoken=latest`).expect(200)).body['@odata.deltaLink'];
      // An instance of the previous release knows no change position: its INSERT names only the properties.
      await database!.query(`INSERT INTO "${database!.schema}"."${TABLE}" (id, "userId") VALUES ('from-previous-release', 'old')`);
      expect((await walkRound(current.app, latest)).entities.map((entity) => entity.id)).to.deep.equal(['from-previous-release']);
    });
  }
});
