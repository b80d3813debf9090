// The metrics of what requests wait on, scraped from /metrics after real requests: statement latency by kind (both
// engines), the PostgreSQL pool (total, idle, waiting, max; nothing on SQLite), and the verified-token cache (the
// server process with real development tokens).
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { statementKind } from '../../src/persistence/timed-sql-runner';
import { developmentToken, startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { EVENTS, SEED_EVENT, startTestGateway, TEST_ENGINES, type TestGateway } from '../support/test-gateway';

/** The value of the sample `name{labels}` (exactly these labels, in any order); undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`).sort().join(',');
  const line = text.split('\n').find((candidate) => {
    const match = /^([^{ ]+)(?:\{(.*)\})? /.exec(candidate);
    return match !== null && match[1] === name && (match[2] ?? '').split(',').filter(Boolean).sort().join(',') === wanted;
  });
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('statementKind', () => {
  it('names a statement by its first keyword, in any case', () => {
    const kinds = ['SELECT 1', 'with x as (select 1) select * from x', 'INSERT INTO t', 'update t', 'Delete from t', 'PRAGMA x', ''].map(statementKind);
    expect(kinds).to.deep.equal(['select', 'select', 'insert', 'update', 'delete', 'other', 'other']);
  });
});

const queries = (text: string, kind: string) => sample(text, 'odata_gateway_db_query_duration_seconds_count', { kind }) ?? 0;

for (const engine of TEST_ENGINES) describe(`database metrics on ${engine}`, () => {
  let gateway: TestGateway;
  before(async function () {
    gateway = await startTestGateway({ engine, skip: () => this.skip(), env: { DATABASE_POOL_SIZE: '2' } });
  });
  after(async () => { await gateway?.dispose(); });
  const scrape = async () => (await request(gateway.app).get('/metrics').expect(200)).text;

  it('times each statement of a request by kind: one insert for a POST, one select for a read by key', async () => {
    const before = await scrape();
    const created = await request(gateway.app).post(EVENTS).send(SEED_EVENT).expect(201);
    const afterPost = await scrape();
    expect([queries(afterPost, 'insert') - queries(before, 'insert'), queries(afterPost, 'select') - queries(before, 'select')]).to.deep.equal([1, 0]);
    await request(gateway.app).get(`${EVENTS}('${created.body.id}')`).expect(200);
    const afterRead = await scrape();
    expect([queries(afterRead, 'insert') - queries(afterPost, 'insert'), queries(afterRead, 'select') - queries(afterPost, 'select')]).to.deep.equal([0, 1]);
    const count = queries(afterRead, 'select');
    expect(sample(afterRead, 'odata_gateway_db_query_duration_seconds_bucket', { kind: 'select', le: '+Inf' })).to.equal(count);
    expect(sample(afterRead, 'odata_gateway_db_query_duration_seconds_sum', { kind: 'select' })).to.be.greaterThan(0).and.lessThan(count * 5);
  });

  if (engine === 'sqlite') {
    it('exports no pool samples (one synchronous connection, no pool)', async () => {
      const text = await scrape();
      expect(text).to.match(/^# TYPE odata_gateway_db_pool_connections gauge$/m);
      expect(text.split('\n').filter((line) => line.startsWith('odata_gateway_db_pool'))).to.deep.equal([]);
    });
  } else {
    it('shows the pool: total, idle and waiting connections and its configured size', async () => {
      const atRest = await scrape();
      expect(sample(atRest, 'odata_gateway_db_pool_connections', { state: 'max' })).to.equal(2);
      expect(sample(atRest, 'odata_gateway_db_pool_connections', { state: 'waiting' })).to.equal(0);
      expect(sample(atRest, 'odata_gateway_db_pool_connections', { state: 'idle' })).to.be.at.most(sample(atRest, 'odata_gateway_db_pool_connections', { state: 'total' })!);
      // Four slow statements on two connections: two run, two wait.
      const slow = Array.from({ length: 4 }, () => gateway.store.countWhere({ sql: 'SELECT 1 AS "count" FROM pg_sleep(0.6)', params: [] }));
      await new Promise((resolve) => setTimeout(resolve, 250));
      const busy = await scrape();
      await Promise.all(slow);
      expect([
        sample(busy, 'odata_gateway_db_pool_connections', { state: 'total' }), sample(busy, 'odata_gateway_db_pool_connections', { state: 'idle' }),
        sample(busy, 'odata_gateway_db_pool_connections', { state: 'waiting' }),
      ]).to.deep.equal([2, 0, 2]);
    });
  }
});

/**
 * The token with the first character of its signature changed: always a different signature (the last characters of
 * a base64url RS256 signature carry padding bits, so rewriting them can leave the bytes as they were).
 */
function tampered(token: string): string {
  const at = token.lastIndexOf('.') + 1;
  return `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
}

describe('verified-token cache metrics (server process, development tokens)', function () {
  this.timeout(60_000);
  let directory: string;
  let gateway: GatewayProcess;
  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'gateway-token-metrics-'));
    gateway = await startGatewayProcess(directory, { DATABASE_URL: `sqlite:${join(directory, 'gateway.sqlite')}` });
  });
  after(async () => {
    await gateway?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('counts a miss for each token\'s first use (and for a token that fails), hits after', async () => {
    const [reader, writer] = [await developmentToken(directory, 'reader'), await developmentToken(directory, 'access-reviews', true)];
    const get = (token: string) => fetch(`${gateway.origin}${EVENTS}`, { headers: { Authorization: `Bearer ${token}` } });
    const statuses = [];
    for (const token of [reader, reader, reader, writer, writer, tampered(reader)]) statuses.push((await get(token)).status);
    expect(statuses).to.deep.equal([200, 200, 200, 200, 200, 401]);
    const text = await (await fetch(`${gateway.origin}/metrics`)).text();
    expect([sample(text, 'odata_gateway_token_cache_lookups_total', { result: 'hit' }), sample(text, 'odata_gateway_token_cache_lookups_total', { result: 'miss' })])
      .to.deep.equal([3, 3]);
  });
});
