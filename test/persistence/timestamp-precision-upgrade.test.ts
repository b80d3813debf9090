// A table made by the previous release (Precision="6": timestamptz on PostgreSQL, 6-digit text on SQLite) still starts
// under Precision="7": values are rewritten losslessly at start-up, and order and equality stay exact across old and new rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import request from 'supertest';
import { postgresTestDatabase, type PostgresTestDatabase } from '../support/postgres';
import { EVENTS, SEED_EVENT, startTestGateway, TEST_ENGINES, writeVariantCsdl, type TestGateway } from '../support/test-gateway';

const OLD_VALUES = ['2017-06-25T07:00:00.123456Z', '2017-06-25T07:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999999Z'];

for (const engine of TEST_ENGINES) describe(`DateTimeOffset storage of the previous release (Precision 6) on ${engine}`, () => {
  let directory: string;
  let database: PostgresTestDatabase | undefined;
  let env: Record<string, string>;
  before(async function () {
    directory = mkdtempSync(join(tmpdir(), 'precision-upgrade-'));
    if (engine === 'postgres') {
      database = await postgresTestDatabase();
      if (!database) this.skip();
      env = { DATABASE_URL: database.url, DATABASE_SCHEMA: database.schema };
    } else {
      env = { DATABASE_URL: `sqlite:${join(directory, 'gateway.sqlite')}` };
    }
    const precision6 = writeVariantCsdl(directory, (xml) => xml.replace(/Type="Edm.DateTimeOffset" Precision="7"/g, 'Type="Edm.DateTimeOffset" Precision="6"'));
    const old = await startTestGateway({ directory, env: { ...env, CSDL_FILE: precision6 } });
    for (const value of OLD_VALUES) {
      await request(old.app).post(EVENTS).send({ ...SEED_EVENT, userName: value, creationDateTime: value, expirationDateTime: value }).expect(201);
    }
    await old.close();
    if (database) {
      // The previous release's PostgreSQL columns were timestamptz (microseconds)
      for (const column of ['creationDateTime', 'expirationDateTime']) {
        await database.query(`ALTER TABLE "${database.schema}"."privilegedOperationEvents" ALTER COLUMN "${column}" TYPE timestamptz USING "${column}"::timestamptz`);
      }
    }
  });
  after(async () => {
    await database?.drop();
    rmSync(directory, { recursive: true, force: true });
  });

  async function storedValues(): Promise<unknown[]> {
    if (database) {
      return (await database.query(`SELECT "creationDateTime" AS v FROM "${database.schema}"."privilegedOperationEvents" ORDER BY 1`)).map((row) => row.v);
    }
    const inspector = new Database(join(directory, 'gateway.sqlite'), { readonly: true });
    try {
      return inspector.prepare('SELECT creationDateTime AS v FROM privilegedOperationEvents ORDER BY 1').all().map((row) => (row as { v: unknown }).v);
    } finally {
      inspector.close();
    }
  }

  describe('started with the shipped CSDL (Precision 7)', () => {
    let gateway: TestGateway;
    before(async () => { gateway = await startTestGateway({ directory, env }); });
    after(async () => { await gateway?.close(); });

    it('keeps every stored value and rewrites it to the 7-digit stored form', async () => {
      const values = await storedValues();
      expect(values).to.deep.equal(['0001-01-01T00:00:00.0000000Z', '2017-06-25T07:00:00.0000000Z', '2017-06-25T07:00:00.1234560Z', '9999-12-31T23:59:59.9999990Z']);
      const read = await request(gateway.app).get(`${EVENTS}?$orderby=creationDateTime&$select=creationDateTime,expirationDateTime`).expect(200);
      expect(read.body.value.map((event: { creationDateTime: string }) => event.creationDateTime))
        .to.deep.equal(['0001-01-01T00:00:00Z', '2017-06-25T07:00:00Z', '2017-06-25T07:00:00.123456Z', '9999-12-31T23:59:59.999999Z']);
    });

    it('orders and filters old and new rows together at seven digits', async () => {
      for (const value of ['2017-06-25T07:00:00.1234565Z', '2017-06-25T07:00:00.1234559Z']) {
        await request(gateway.app).post(EVENTS).send({ ...SEED_EVENT, creationDateTime: value }).expect(201);
      }
      const range = await request(gateway.app)
        .get(`${EVENTS}?$filter=${encodeURIComponent('creationDateTime gt 2017-06-25T07:00:00Z and creationDateTime lt 9999-01-01T00:00:00Z')}&$orderby=creationDateTime desc`).expect(200);
      expect(range.body.value.map((event: { creationDateTime: string }) => event.creationDateTime))
        .to.deep.equal(['2017-06-25T07:00:00.1234565Z', '2017-06-25T07:00:00.123456Z', '2017-06-25T07:00:00.1234559Z']);
      const equal = await request(gateway.app).get(`${EVENTS}?$filter=${encodeURIComponent('creationDateTime eq 2017-06-25T07:00:00.1234560Z')}`).expect(200);
      expect(equal.body.value).to.have.length(1);
    });
  });

  describe('started afterwards with Precision 3', () => it('refuses to start, naming the column, and changes nothing', async () => {
    const precision3 = writeVariantCsdl(directory, (xml) => xml.replace(/Type="Edm.DateTimeOffset" Precision="7"/g, 'Type="Edm.DateTimeOffset" Precision="3"'));
    let failure: unknown;
    try {
      const gateway = await startTestGateway({ directory, env: { ...env, CSDL_FILE: precision3 } });
      await gateway.close();
    } catch (error) {
      failure = error;
    }
    expect(String(failure)).to.match(/column 'creationDateTime' holds values with more fractional second digits than its Precision=3 keeps/);
    expect(await storedValues()).to.have.length(6);
  }));
});
