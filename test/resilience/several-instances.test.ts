// Scale-out: two gateway processes on one PostgreSQL, creating at once; every acknowledged create stored exactly once.
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { developmentToken, startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { createEvents, readAllIds } from '../support/load-client';
import { postgresTestDatabase, type PostgresTestDatabase } from '../support/postgres';
import { temporaryDirectory } from '../support/test-gateway';

const PER_INSTANCE = 2000;

describe('two gateway instances on one PostgreSQL', function () {
  this.timeout(120_000);
  const cwd = temporaryDirectory();
  let database: PostgresTestDatabase | undefined;
  let instances: GatewayProcess[] = [];
  let acknowledged: string[] = [];
  before(async function () {
    database = await postgresTestDatabase();
    if (!database) this.skip();
    const env = { DATABASE_URL: database!.url, DATABASE_SCHEMA: database!.schema };
    // Started together: both run the start-up schema rules against the same empty schema.
    instances = await Promise.all([startGatewayProcess(cwd, env), startGatewayProcess(cwd, env)]);
    const token = await developmentToken(cwd, 'access-reviews');
    const loads = await Promise.all(instances.map((instance, index) =>
      createEvents(instance.origin, token, { total: PER_INSTANCE, workers: 8, deadlineMs: 90_000, tag: `instance ${index}` })));
    acknowledged = loads.flatMap((load) => load.acknowledged);
    expect(loads.map((load) => load.failed)).to.deep.equal([0, 0]);
  });
  after(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await database?.drop();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('acknowledges every create with a unique id', () => {
    expect(acknowledged).to.have.length(2 * PER_INSTANCE);
    expect(new Set(acknowledged).size).to.equal(acknowledged.length);
  });

  it('stores each acknowledged create exactly once', async () => {
    const rows = await database!.query(`SELECT id FROM "${database!.schema}"."privilegedOperationEvents"`);
    expect(rows.map((row) => row.id).sort()).to.deep.equal([...acknowledged].sort());
  });

  it('pages the same complete, duplicate-free list through either instance', async () => {
    const reader = await developmentToken(cwd, 'reader');
    const path = '/beta/privilegedOperationEvents?$orderby=creationDateTime%20desc';
    const [first, second] = await Promise.all(instances.map((instance) => readAllIds(instance.origin, reader, path)));
    expect(first).to.deep.equal(second);
    expect(new Set(first).size).to.equal(first.length);
    expect([...first].sort()).to.deep.equal([...acknowledged].sort());
  });
});
