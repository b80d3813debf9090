// A PostgreSQL that accepts connections but never answers: with the default timeouts, requests and /readyz get 503
// with Retry-After within a few seconds instead of hanging, and nothing is reported as written.
import { expect } from 'chai';
import request from 'supertest';
import { expectGraphError } from '../support/graph-assertions';
import { postgresTestDatabase, type PostgresTestDatabase } from '../support/postgres';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { EVENTS, SEED_EVENT, startTestGateway, type TestGateway } from '../support/test-gateway';
import { CLIENT_READ_GRACE_MS, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_STATEMENT_TIMEOUT_MS } from '../../src/persistence/database-config';

/** The most a request may wait on a hung database with the defaults, plus scheduling slack on a loaded machine. */
const BOUND_MS = Math.max(DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_STATEMENT_TIMEOUT_MS + CLIENT_READ_GRACE_MS) + 2000;

describe('PostgreSQL that accepts connections and never answers, default timeouts', function () {
  this.timeout(60_000);
  let database: PostgresTestDatabase | undefined;
  let proxy: TcpProxy;
  let gateway: TestGateway;

  before(async function () {
    database = await postgresTestDatabase();
    if (!database) return this.skip();
    const target = new URL(database.url);
    proxy = await startTcpProxy(Number(target.port || 5432), target.hostname);
    target.port = String(proxy.port);
    // No DATABASE_*_TIMEOUT_MS: the defaults are what is tested
    gateway = await startTestGateway({ env: { DATABASE_URL: target.toString(), DATABASE_SCHEMA: database.schema } });
    await request(gateway.app).post(EVENTS).send(SEED_EVENT).expect(201);
    proxy.hang();
  });
  after(async () => {
    await proxy?.close();
    await gateway?.dispose().catch(() => undefined);
    await database?.drop();
  });

  async function timed(send: () => Promise<request.Response>): Promise<request.Response> {
    const started = Date.now();
    const response = await send();
    expect(Date.now() - started, 'milliseconds until the answer').to.be.below(BOUND_MS);
    return response;
  }

  it('answers reads, creates and /readyz with 503 and Retry-After within a few seconds, several at once', async () => {
    const responses = await Promise.all([
      timed(() => request(gateway.app).get(EVENTS)),
      timed(() => request(gateway.app).post(EVENTS).send(SEED_EVENT)),
      ...Array.from({ length: 12 }, () => timed(() => request(gateway.app).get(`${EVENTS}/$count`))),
      timed(() => request(gateway.app).get('/readyz')),
    ]);
    for (const response of responses.slice(0, -1)) {
      expectGraphError(response, 503, 'serviceNotAvailable');
      expect(response.headers['retry-after']).to.match(/^\d+$/);
    }
    const ready = responses[responses.length - 1];
    expect(ready.status).to.equal(503);
    expect(ready.headers['retry-after']).to.match(/^\d+$/);
  });

  it('still answers a new request within the bound once the pool is saturated by hung connections', async () => {
    expectGraphError(await timed(() => request(gateway.app).get(`${EVENTS}?$top=1`)), 503, 'serviceNotAvailable');
    expect((await timed(() => request(gateway.app).get('/readyz'))).status).to.equal(503);
  });
});
