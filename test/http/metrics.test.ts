// Prometheus metrics through the real router: requests by operation, entity set and status class, latency, in flight,
// 429 rejections, process metrics; each gateway its own registry; /metrics at the root of the standalone server.
import { expect } from 'chai';
import request from 'supertest';
import { EVENTS, SEED_EVENT, startTestGateway, type TestGateway } from '../support/test-gateway';

/** The value of one sample line of the text format, e.g. `odata_gateway_requests_total{…}`; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text.split('\n').find((candidate) => {
    if (!candidate.startsWith(`${name}{`) && !candidate.startsWith(`${name} `)) return false;
    const labelText = /\{(.*)\}/.exec(candidate)?.[1] ?? '';
    const present = labelText === '' ? [] : labelText.split(',');
    return wanted.every((pair) => present.includes(pair)) && present.length === wanted.length;
  });
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('metrics', () => {
  let gateway: TestGateway;
  before(async () => { gateway = await startTestGateway(); });
  after(() => gateway.dispose());

  it('serves the Prometheus text format at /metrics with the service requests counted by operation, entity set and status class', async () => {
    await request(gateway.app).post(EVENTS).send(SEED_EVENT).expect(201);
    await request(gateway.app).get(EVENTS).expect(200);
    await request(gateway.app).get(EVENTS).expect(200);
    await request(gateway.app).get(`${EVENTS}('nope')`).expect(404);
    await request(gateway.app).get('/beta/$metadata').expect(200);
    const response = await request(gateway.app).get('/metrics').expect(200);
    expect(response.headers['content-type']).to.match(/^text\/plain; version=0\.0\.4/);
    const text = response.text;
    const set = 'privilegedOperationEvents';
    expect(sample(text, 'odata_gateway_requests_total', { operation: 'create', entity_set: set, status_class: '2xx' })).to.equal(1);
    expect(sample(text, 'odata_gateway_requests_total', { operation: 'collection', entity_set: set, status_class: '2xx' })).to.equal(2);
    expect(sample(text, 'odata_gateway_requests_total', { operation: 'entity', entity_set: set, status_class: '4xx' })).to.equal(1);
    expect(sample(text, 'odata_gateway_requests_total', { operation: 'metadata', entity_set: '', status_class: '2xx' })).to.equal(1);
    expect(sample(text, 'odata_gateway_request_duration_seconds_count', { operation: 'collection', entity_set: set, status_class: '2xx' })).to.equal(2);
    expect(sample(text, 'odata_gateway_request_duration_seconds_bucket', { operation: 'collection', entity_set: set, status_class: '2xx', le: '+Inf' })).to.equal(2);
    expect(sample(text, 'odata_gateway_requests_in_flight')).to.equal(0);
    expect(sample(text, 'odata_gateway_rejected_requests_total')).to.equal(0);
    expect(sample(text, 'process_cpu_user_seconds_total')).to.be.a('number');
    expect(sample(text, 'nodejs_heap_size_used_bytes')).to.be.greaterThan(0);
    expect(text, 'no key, query text or path in a label').to.not.match(/nope|\$filter/);
  });

  it('does not count /metrics, /healthz or paths outside the service root as service requests', async () => {
    const before = await request(gateway.app).get('/metrics');
    await request(gateway.app).get('/healthz').expect(200);
    await request(gateway.app).get('/elsewhere').expect(404);
    const after = await request(gateway.app).get('/metrics');
    const total = (text: string) => text.split('\n').filter((line) => line.startsWith('odata_gateway_requests_total{'))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
    expect(total(after.text)).to.equal(total(before.text));
  });

  it('counts 429 rejections and shows the requests in flight', async () => {
    const limited = await startTestGateway({ env: { MAX_CONCURRENT_REQUESTS: '1' } });
    try {
      const server = limited.app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      // A POST whose body never ends holds the one slot.
      const { request: httpRequest } = await import('node:http');
      const held = httpRequest(`${origin}${EVENTS}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': '100' } });
      held.on('error', () => undefined);
      held.write('{');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await fetch(`${origin}${EVENTS}`)).status).to.equal(429);
      const text = await (await fetch(`${origin}/metrics`)).text();
      expect(sample(text, 'odata_gateway_rejected_requests_total')).to.equal(1);
      expect(sample(text, 'odata_gateway_requests_in_flight')).to.equal(1);
      held.destroy();
      server.closeAllConnections();
      server.close();
    } finally {
      await limited.dispose();
    }
  });

  it('keeps each gateway to its own registry (two in one process share nothing)', async () => {
    const other = await startTestGateway();
    try {
      await request(other.app).get('/beta/').expect(200);
      const mine = await request(gateway.app).get('/metrics');
      const theirs = await request(other.app).get('/metrics');
      expect(sample(theirs.text, 'odata_gateway_requests_total', { operation: 'serviceDocument', entity_set: '', status_class: '2xx' })).to.equal(1);
      expect(sample(mine.text, 'odata_gateway_requests_total', { operation: 'serviceDocument', entity_set: '', status_class: '2xx' })).to.equal(undefined);
      expect(sample(theirs.text, 'odata_gateway_requests_total', { operation: 'create', entity_set: 'privilegedOperationEvents', status_class: '2xx' })).to.equal(undefined);
    } finally {
      await other.dispose();
    }
  });

  it('is not served with METRICS=off', async () => {
    const off = await startTestGateway({ env: { METRICS: 'off' } });
    try {
      const { createStandaloneApp } = await import('../../src/server/standalone-app');
      const { createLogger } = await import('../../src/log/logger');
      const app = createStandaloneApp(off.gateway, createLogger('silent'), { metrics: off.config.metrics });
      expect(off.config.metrics).to.equal(false);
      await request(app).get('/metrics').expect(404);
    } finally {
      await off.dispose();
    }
  });
});
