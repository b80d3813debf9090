// /healthz and /readyz outside the service root, and the concurrency limit answering 429.
import { expect } from 'chai';
import { request as httpRequest, type ClientRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { expectGraphError } from '../support/graph-assertions';
import { EVENTS, startTestGateway, type TestGateway } from '../support/test-gateway';

describe('health endpoints', () => {
  let gateway: TestGateway;
  before(async () => { gateway = await startTestGateway(); });
  after(async () => { await gateway.dispose(); });

  it('answers /healthz with 200 while the process runs', async () => {
    const response = await request(gateway.app).get('/healthz');
    expect(response.status).to.equal(200);
    expect(response.body).to.deep.equal({ status: 'ok' });
  });

  it('answers /readyz with 200 while the database answers', async () => {
    const response = await request(gateway.app).get('/readyz');
    expect(response.status).to.equal(200);
    expect(response.body).to.deep.equal({ status: 'ready' });
  });

  it('answers /readyz with 503 serviceNotAvailable and Retry-After once the database is gone', async () => {
    const broken = await startTestGateway();
    await broken.store.close();
    const response = await request(broken.app).get('/readyz');
    expectGraphError(response, 503, 'serviceNotAvailable');
    expect(response.headers['retry-after']).to.match(/^\d+$/);
    expect((await request(broken.app).get('/healthz')).status).to.equal(200);
    await broken.dispose();
  });
});

describe('the concurrency limit', () => {
  let gateway: TestGateway;
  let server: ReturnType<TestGateway['app']['listen']>;
  let port: number;
  before(async () => {
    gateway = await startTestGateway({ env: { MAX_CONCURRENT_REQUESTS: '1' } });
    server = gateway.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await gateway.dispose();
  });

  /** A create whose body has not fully arrived: it stays in flight until `finish` is called. */
  function slowCreate(): { request: ClientRequest; finish: () => Promise<number> } {
    const body = JSON.stringify({ userId: 'slow' });
    const pending = httpRequest({ port, host: '127.0.0.1', method: 'POST', path: EVENTS,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } });
    pending.write(body.slice(0, 5));
    const status = new Promise<number>((resolve) => pending.on('response', (response) => { response.resume(); resolve(response.statusCode ?? 0); }));
    return { request: pending, finish: () => { pending.end(body.slice(5)); return status; } };
  }

  it('answers 429 tooManyRequests with Retry-After while the limit is taken, and serves again after', async () => {
    const slow = slowCreate();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await request(`http://127.0.0.1:${port}`).get('/beta/');
    expectGraphError(refused, 429, 'tooManyRequests');
    expect(refused.headers['retry-after']).to.match(/^\d+$/);
    expect(await slow.finish()).to.equal(201);
    expect((await request(`http://127.0.0.1:${port}`).get('/beta/')).status).to.equal(200);
  });
});
