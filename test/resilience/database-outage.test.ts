// The database lost while running: data requests get 503 with Retry-After, the process stays up and recovers.
import { expect } from 'chai';
import request from 'supertest';
import { expectGraphError } from '../support/graph-assertions';
import { postgresTestDatabase, type PostgresTestDatabase } from '../support/postgres';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { EVENTS, SEED_EVENT, startTestGateway, type TestGateway } from '../support/test-gateway';

describe('PostgreSQL lost while the gateway runs', function () {
  let database: PostgresTestDatabase | undefined;
  let proxy: TcpProxy;
  let gateway: TestGateway;
  let createdId: string;

  before(async function () {
    database = await postgresTestDatabase();
    if (!database) return this.skip();
    const target = new URL(database.url);
    proxy = await startTcpProxy(Number(target.port || 5432), target.hostname);
    target.port = String(proxy.port);
    gateway = await startTestGateway({ env: { DATABASE_URL: target.toString(), DATABASE_SCHEMA: database.schema } });
    createdId = (await request(gateway.app).post(EVENTS).send(SEED_EVENT).expect(201)).body.id;
    await proxy.stop();
  });
  after(async () => {
    await gateway?.dispose();
    await proxy?.close();
    await database?.drop();
  });

  const rows = async () => Number((await database!.query(`SELECT count(*) AS n FROM "${database!.schema}"."privilegedOperationEvents"`))[0].n);

  it('answers a create with 503 serviceNotAvailable and Retry-After, storing nothing', async () => {
    const response = await request(gateway.app).post(EVENTS).send(SEED_EVENT);
    expectGraphError(response, 503, 'serviceNotAvailable');
    expect(response.headers['retry-after']).to.match(/^\d+$/);
    expect(await rows()).to.equal(1);
  });

  it('answers a read by key with 503 serviceNotAvailable', async () => {
    expectGraphError(await request(gateway.app).get(`${EVENTS}('${createdId}')`), 503, 'serviceNotAvailable');
  });

  it('reports not ready on /readyz but alive on /healthz', async () => {
    expect((await request(gateway.app).get('/readyz')).status).to.equal(503);
    expect((await request(gateway.app).get('/healthz')).status).to.equal(200);
  });

  it('recovers by itself when the database is reachable again', async () => {
    await proxy.start();
    await request(gateway.app).get(`${EVENTS}('${createdId}')`).expect(200);
    await request(gateway.app).post(EVENTS).send(SEED_EVENT).expect(201);
    expect(await rows()).to.equal(2);
  });
});
