// POST /beta/$batch (Graph JSON batching): each inner response is what the request alone answers; dependsOn and 424;
// every malformed batch is one Graph error that writes nothing.
import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { expectGraphError, withoutVolatile } from '../support/graph-assertions';
import { embeddedGateway, HOST_ORIGIN } from '../support/embedded-gateway';
import { EVENTS, SEED_EVENT, SERVICE_ROOT, startTestGateway, temporaryDirectory, TEST_ENGINES, type TestGateway } from '../support/test-gateway';

const BATCH = '/beta/$batch';
const JSON_HEADERS = { 'Content-Type': 'application/json' };
const create = (id: string, body: unknown = SEED_EVENT, extra: Record<string, unknown> = {}) => ({
  id, method: 'POST', url: '/privilegedOperationEvents', headers: JSON_HEADERS, body, ...extra,
});

interface InnerResponse { id: string; status: number; headers: Record<string, string>; body?: Record<string, unknown> }

/** The headers that differ between any two responses (ids), by lower-case name; Vary describes the outer HTTP answer only (asserted apart). */
function stableHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])
    .filter(([name]) => !['request-id', 'client-request-id', 'content-length', 'date', 'etag', 'x-powered-by', 'connection', 'keep-alive', 'vary'].includes(name)));
}

/** Without the innerError (ids, date) and the delta token (a PostgreSQL snapshot moves with any other transaction). */
function stableBody(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return body;
  const link = (body as Record<string, unknown>)['@odata.deltaLink'];
  if (typeof link === 'string') return { ...body, '@odata.deltaLink': link.replace(/\$deltatoken=.*$/, '$deltatoken=…') };
  const { error } = body as { error?: Record<string, unknown> };
  if (error) return { error: { ...error, innerError: undefined } };
  return body;
}

for (const engine of TEST_ENGINES) describe(`POST /beta/$batch (Graph JSON batching) on ${engine}`, () => {
  let gateway: TestGateway;
  let seededId: string;
  before(async function () {
    gateway = await startTestGateway({ engine, skip: () => this.skip(), env: { MAX_BATCH_BODY_BYTES: '16384', MAX_BODY_BYTES: '2048' } });
    seededId = (await request(gateway.app).post(EVENTS).send(SEED_EVENT).expect(201)).body.id;
    await request(gateway.app).post(EVENTS).send({ ...SEED_EVENT, userName: 'Second' }).expect(201);
  });
  after(async () => { await gateway?.dispose(); });

  const batch = (requests: unknown[]) => request(gateway.app).post(BATCH).send({ requests });
  const byId = (body: { responses: InnerResponse[] }) => new Map(body.responses.map((response) => [response.id, response]));

  it('answers each inner request exactly as the same request sent alone: status, headers, body, errors', async () => {
    const cases: { method: string; url: string; headers?: Record<string, string>; body?: unknown }[] = [
      { method: 'GET', url: `/privilegedOperationEvents('${seededId}')` },
      { method: 'GET', url: `/privilegedOperationEvents('${seededId}')?$select=userId,roleName` },
      { method: 'GET', url: '/privilegedOperationEvents?$orderby=userName&$select=userName', headers: { Prefer: 'odata.maxpagesize=1' } },
      { method: 'GET', url: "/privilegedOperationEvents?$filter=userName eq 'Second'&$count=true" },
      { method: 'GET', url: '/privilegedOperationEvents/$count' },
      { method: 'GET', url: "/privilegedOperationEvents('no-such-event')" },
      { method: 'GET', url: '/privilegedOperationEvents?$filter=userName eq' },
      { method: 'DELETE', url: `/privilegedOperationEvents('${seededId}')` },
      { method: 'POST', url: '/privilegedOperationEvents', headers: JSON_HEADERS, body: { ...SEED_EVENT, nope: 1 } },
      { method: 'POST', url: '/privilegedOperationEvents', headers: { 'Content-Type': 'text/plain' }, body: 'aGVsbG8=' },
      { method: 'GET', url: '/privilegedOperationEvents/delta()?$select=userName' },
      { method: 'GET', url: '/' },
      { method: 'GET', url: '/nothingHere' },
    ];
    const alone = await Promise.all(cases.map(async (inner) => {
      let test = request(gateway.app)[inner.method.toLowerCase() as 'get'](`/beta${inner.url.replace(/ /g, '%20')}`);
      for (const [name, value] of Object.entries(inner.headers ?? {})) test = test.set(name, value);
      const response = inner.body === undefined ? await test : await test.send(typeof inner.body === 'string' ? Buffer.from(inner.body, 'base64') : inner.body as object);
      return response;
    }));
    const rows = await gateway.countEvents();
    const response = await batch(cases.map((inner, index) => ({ id: String(index + 1), ...inner, url: inner.url.replace(/ /g, '%20') })));
    expect(response.status).to.equal(200);
    expect(response.headers['content-type']).to.match(/^application\/json/);
    expect(response.headers.vary, 'the batch answer is the one compressed').to.match(/Accept-Encoding/i);
    const inner = byId(response.body);
    cases.forEach((sent, index) => {
      const got = inner.get(String(index + 1)) as InnerResponse;
      const expected = alone[index]!;
      const label = `${sent.method} ${sent.url}`;
      expect(got.status, label).to.equal(expected.status);
      expect(stableHeaders(got.headers), label).to.deep.equal(stableHeaders(expected.headers as Record<string, string>));
      // Compression (and so Vary) is the outer answer's: an inner response is never compressed on its own.
      expect(Object.keys(got.headers).map((name) => name.toLowerCase()), label).to.not.include('vary');
      const expectedBody = /json/.test(String(expected.headers['content-type'])) ? expected.body : expected.text || undefined;
      expect(stableBody(got.body), label).to.deep.equal(stableBody(expectedBody));
      if (got.status >= 400) expect((got.body as { error: { innerError: Record<string, unknown> } }).error.innerError['request-id']).to.equal(got.headers['request-id']);
    });
    expect(await gateway.countEvents(), 'the batch wrote nothing (every write in it was refused)').to.equal(rows);
  });

  it('creates as a create alone does: 201, Location under the service root, @odata.context, the entity', async () => {
    const alone = await request(gateway.app).post(EVENTS).send(SEED_EVENT).expect(201);
    const response = await batch([create('a'), create('B', { ...SEED_EVENT, userName: 'other' })]).expect(200);
    const [first, second] = response.body.responses as InnerResponse[];
    expect(first!.status).to.equal(201);
    expect(first!.headers.Location).to.equal(`${SERVICE_ROOT}/privilegedOperationEvents('${String(first!.body!.id)}')`);
    expect(withoutVolatile(first!.body!)).to.deep.equal(withoutVolatile(alone.body));
    expect(second!.body!.userName).to.equal('other');
    const read = await request(gateway.app).get(`${EVENTS}('${String(second!.body!.id)}')`).expect(200);
    expect(read.body.userName).to.equal('other');
  });

  it('runs a dependent chain in order; a request whose dependency failed gets 424 without running', async () => {
    const rows = await gateway.countEvents();
    const response = await batch([
      create('1'),
      create('2', SEED_EVENT, { dependsOn: ['1'] }),
      create('3', { userId: 42 }, { dependsOn: ['2'] }),
      create('4', SEED_EVENT, { dependsOn: ['3'] }),
      create('5', SEED_EVENT, { dependsOn: ['4', '1'] }),
      { id: '6', method: 'GET', url: '/privilegedOperationEvents/$count', dependsOn: ['2'] },
    ]).expect(200);
    const inner = byId(response.body);
    expect([...inner.values()].map((item) => [item.id, item.status])).to.deep.equal([['1', 201], ['2', 201], ['3', 400], ['4', 424], ['5', 424], ['6', 200]]);
    expect((inner.get('4')!.body as { error: { code: string } }).error.code).to.equal('failedDependency');
    expect(inner.get('6')!.body, 'the count ran after both creates it depends on').to.equal(String(rows + 2));
    expect(await gateway.countEvents()).to.equal(rows + 2);
  });

  it('resolves $<id> at the start of a URL to the entity an earlier request it depends on created (OData 4.01)', async () => {
    const response = await batch([
      create('new', { ...SEED_EVENT, userName: 'referenced' }),
      { id: 'read', method: 'GET', url: '$new', dependsOn: ['new'] },
      { id: 'property', method: 'GET', url: '/$NEW/userName', dependsOn: ['new'] },
      { id: 'count', method: 'GET', url: '/privilegedOperationEvents/$count' },
      { id: 'notCreated', method: 'GET', url: '$count', dependsOn: ['count'] },
    ]).expect(200);
    const inner = byId(response.body);
    const id = inner.get('new')!.body!.id;
    expect([inner.get('read')!.status, inner.get('read')!.body!.id]).to.deep.equal([200, id]);
    expect([inner.get('property')!.status, inner.get('property')!.body!.value]).to.deep.equal([200, 'referenced']);
    expect(inner.get('notCreated')!.status, 'a reference to a request that created nothing').to.equal(400);
    expectGraphError(await batch([create('1'), { id: '2', method: 'GET', url: '$1' }]), 400, 'badRequest');
  });

  it('applies Prefer: continue-on-error (every request runs whatever another answered)', async () => {
    const response = await request(gateway.app).post(BATCH).set('Prefer', 'continue-on-error')
      .send({ requests: [{ id: '1', method: 'GET', url: "/privilegedOperationEvents('missing')" }, { id: '2', method: 'GET', url: '/' }] }).expect(200);
    expect(response.headers['preference-applied']).to.equal('continue-on-error');
    expect((response.body.responses as InnerResponse[]).map((inner) => inner.status)).to.deep.equal([404, 200]);
    const plain = await batch([{ id: '1', method: 'GET', url: '/' }]).expect(200);
    expect(plain.headers['preference-applied']).to.equal(undefined);
  });

  it('takes URLs with or without a leading slash, absolute within the service root, and the root path itself', async () => {
    const response = await batch([
      { id: 'a', method: 'GET', url: 'privilegedOperationEvents/$count' },
      { id: 'b', method: 'get', url: '/privilegedOperationEvents/$count' },
      { id: 'c', method: 'GET', url: `${SERVICE_ROOT}/privilegedOperationEvents/$count` },
      { id: 'd', method: 'GET', url: '/beta/privilegedOperationEvents/$count' },
    ]).expect(200);
    const statuses = (response.body.responses as InnerResponse[]).map((inner) => inner.status);
    expect(statuses).to.deep.equal([200, 200, 200, 200]);
  });

  it('answers an inner request that asks for gzip with its JSON body, not compressed bytes', async () => {
    const response = await batch([{ id: 'page', method: 'GET', url: '/privilegedOperationEvents', headers: { 'Accept-Encoding': 'gzip, br' } }]).expect(200);
    const [inner] = response.body.responses as InnerResponse[];
    expect(inner.status).to.equal(200);
    expect(stableHeaders(inner.headers)).to.not.have.property('content-encoding');
    expect((inner.body as { value: unknown[] }).value.length).to.be.greaterThan(0);
  });

  it('holds each inner body to MAX_BODY_BYTES and the batch body to MAX_BATCH_BODY_BYTES', async () => {
    const rows = await gateway.countEvents();
    const big = await batch([create('1', { ...SEED_EVENT, userName: 'x'.repeat(3000) })]).expect(200);
    expect(big.body.responses[0].status).to.equal(413);
    expectGraphError(await batch(Array.from({ length: 8 }, (_, index) => create(String(index), { ...SEED_EVENT, userName: 'x'.repeat(1900) }))), 413, 'requestEntityTooLarge');
    expect(await gateway.countEvents()).to.equal(rows);
  });

  describe('refuses a malformed batch whole, writing nothing', () => {
    let rows: number;
    beforeEach(async () => { rows = await gateway.countEvents(); });
    afterEach(async () => { expect(await gateway.countEvents(), 'rows after the refused batch').to.equal(rows); });

    const malformed: [string, unknown][] = [
      ['no requests member', {}],
      ['requests not an array', { requests: { id: '1' } }],
      ['an empty requests array', { requests: [] }],
      ['21 requests', { requests: Array.from({ length: 21 }, (_, index) => create(String(index))) }],
      ['an unknown member', { requests: [create('1')], extra: true }],
      ['a request that is not an object', { requests: [create('1'), 'GET /x'] }],
      ['a request without an id', { requests: [create('1'), { method: 'GET', url: '/' }] }],
      ['a numeric id', { requests: [create('1'), { id: 2, method: 'GET', url: '/' }] }],
      ['duplicate ids', { requests: [create('1'), create('1')] }],
      ['ids differing only in case', { requests: [create('a'), create('A')] }],
      ['an unknown method', { requests: [create('1'), { id: '2', method: 'FETCH', url: '/' }] }],
      ['no method', { requests: [create('1'), { id: '2', url: '/' }] }],
      ['no url', { requests: [create('1'), { id: '2', method: 'GET' }] }],
      ['an absolute URL to another host', { requests: [create('1'), { id: '2', method: 'GET', url: 'https://evil.example/beta/privilegedOperationEvents' }] }],
      ['an absolute URL outside the root', { requests: [create('1'), { id: '2', method: 'GET', url: 'https://graph.test.example/v1.0/privilegedOperationEvents' }] }],
      ['a network-path reference', { requests: [create('1'), { id: '2', method: 'GET', url: '//evil.example/x' }] }],
      ['a dot segment leaving the root', { requests: [create('1'), { id: '2', method: 'GET', url: '/../healthz' }] }],
      ['an encoded dot segment', { requests: [create('1'), { id: '2', method: 'GET', url: '/%2e%2e/healthz' }] }],
      ['a nested $batch', { requests: [create('1'), { id: '2', method: 'POST', url: '/$batch', headers: JSON_HEADERS, body: { requests: [] } }] }],
      ['a body without Content-Type', { requests: [{ ...create('1'), headers: {} }] }],
      ['a non-JSON body that is not base64', { requests: [{ ...create('1'), headers: { 'Content-Type': 'text/plain' }, body: 'not base64!' }] }],
      ['headers that are not strings', { requests: [{ ...create('1'), headers: { 'Content-Type': 'application/json', 'X-N': 1 } }] }],
      ['a header with a line break', { requests: [{ ...create('1'), headers: { 'Content-Type': 'application/json', 'X-N': 'a\r\nb: c' } }] }],
      ['dependsOn naming a later request', { requests: [create('1', SEED_EVENT, { dependsOn: ['2'] }), create('2')] }],
      ['dependsOn naming itself', { requests: [create('1', SEED_EVENT, { dependsOn: ['1'] })] }],
      ['dependsOn naming an unknown id', { requests: [create('1'), create('2', SEED_EVENT, { dependsOn: ['9'] })] }],
      ['dependsOn that is not an array', { requests: [create('1'), create('2', SEED_EVENT, { dependsOn: '1' })] }],
    ];
    for (const [name, body] of malformed) {
      it(`answers 400 to ${name}`, async () => {
        expectGraphError(await request(gateway.app).post(BATCH).send(body as object), 400, 'badRequest');
      });
    }

    it('answers 400 to malformed JSON and 415 to a body that is neither JSON nor multipart/mixed', async () => {
      expectGraphError(await request(gateway.app).post(BATCH).set('Content-Type', 'application/json').send('{"requests": ['), 400, 'badRequest');
      expectGraphError(await request(gateway.app).post(BATCH).set('Content-Type', 'text/plain').send('--b--'), 415, 'unsupportedMediaType');
      expectGraphError(await request(gateway.app).post(BATCH).set('Content-Type', 'multipart/related; boundary=b').send('--b--'), 415, 'unsupportedMediaType');
    });

    it('answers 405 with Allow: POST to other methods', async () => {
      const response = await request(gateway.app).get(BATCH);
      expectGraphError(response, 405, 'methodNotAllowed');
      expect(response.headers.allow).to.equal('POST');
    });
  });
});

describe('$batch and the gateway around it', () => {
  it('counts each running inner request against MAX_CONCURRENT_REQUESTS: at the limit an inner request gets 429, the batch 200', async () => {
    const gateway = await startTestGateway({ env: { MAX_CONCURRENT_REQUESTS: '1' } });
    try {
      const response = await request(gateway.app).post(BATCH).send({ requests: [create('1'), { id: '2', method: 'GET', url: '/' }] }).expect(200);
      for (const inner of response.body.responses as InnerResponse[]) {
        expect(inner.status).to.equal(429);
        expect(inner.headers['Retry-After']).to.equal('1');
      }
      expect(await gateway.countEvents()).to.equal(0);
    } finally {
      await gateway.dispose();
    }
  });

  it('runs inner requests below the host\'s mount path, and at the host\'s root leaves other paths to the host', async () => {
    const directory = temporaryDirectory();
    const mounted = await embeddedGateway(directory);
    const atRoot = await embeddedGateway(directory);
    try {
      const app = express();
      app.use('/graph/beta', mounted.router);
      app.use(atRoot.router);
      app.get('/hosts-own', (_req, res) => { res.send('the host'); });
      const nested = await request(app).post('/graph/beta/$batch').send({ requests: [create('1')] }).expect(200);
      expect(nested.body.responses[0].headers.Location).to.match(new RegExp(`^${HOST_ORIGIN}/graph/beta/privilegedOperationEvents\\('`));
      const root = await request(app).post('/$batch').send({ requests: [create('1'), { id: '2', method: 'GET', url: '/hosts-own' }] }).expect(200);
      expect(root.body.responses[0].headers.Location).to.match(new RegExp(`^${HOST_ORIGIN}/privilegedOperationEvents\\('`));
      expect(root.body.responses[1].status).to.equal(404);
      expect(root.body.responses[1].body.error.code).to.equal('notFound');
    } finally {
      await mounted.close();
      await atRoot.close();
    }
  });
});
