// The access log through the real router with the real bearer policy: one JSON line per request with the route
// template (no query string, no key), status, duration, bytes and caller; levels by fault; sampling and off.
import { expect } from 'chai';
import request from 'supertest';
import { createLogger } from '../../src/log/logger';
import { parseAccessLog } from '../../src/http/access-log';
import { startAuthGateway, type AuthTestGateway } from '../support/auth-gateway';
import { createSigningKey, startIdentityProvider, type IdentityProvider, type SigningKey } from '../support/auth-identity-provider';
import { ACCESS_REVIEWS_APP_ID, CREATOR_ROLE, TENANT_ID, appOnlyClaims, signToken } from '../support/auth-tokens';
import { EVENTS, SEED_EVENT, startTestGateway, type TestGateway } from '../support/test-gateway';

type Line = Record<string, unknown>;

async function gatewayWithLog(env: Record<string, string> = {}): Promise<{ gateway: TestGateway; lines: Line[] }> {
  const lines: Line[] = [];
  const logger = createLogger('debug', (text) => { lines.push(JSON.parse(text) as Line); });
  return { gateway: await startTestGateway({ env, logger }), lines };
}

const requestLines = (lines: Line[]) => lines.filter((line) => line.event === 'request');

/** The finish listener runs after supertest has the answer; a tick later the line is there. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('access log', () => {
  let gateway: TestGateway;
  let lines: Line[];
  before(async () => { ({ gateway, lines } = await gatewayWithLog()); });
  after(() => gateway.dispose());
  beforeEach(() => { lines.length = 0; });

  it('logs a create, a read by key and a filtered list, each once, with the route template and no personal data', async () => {
    const created = await request(gateway.app).post(EVENTS).set('Accept-Encoding', 'identity').send({ ...SEED_EVENT, userMail: 'secret.person@contoso.test' }).expect(201);
    const id = created.body.id as string;
    const read = await request(gateway.app).get(`${EVENTS}('${id}')`).set('Accept-Encoding', 'identity').expect(200);
    await request(gateway.app).get(`${EVENTS}?$filter=userMail eq 'secret.person@contoso.test'`).expect(200);
    await settle();
    const logged = requestLines(lines);
    expect(logged.map((line) => [line.method, line.route, line.operation, line.status])).to.deep.equal([
      ['POST', '/privilegedOperationEvents', 'create', 201],
      ['GET', '/privilegedOperationEvents({key})', 'entity', 200],
      ['GET', '/privilegedOperationEvents', 'collection', 200],
    ]);
    for (const line of logged) {
      expect(line).to.include({ level: 'info', entitySet: 'privilegedOperationEvents' });
      expect(line.requestId).to.match(/^[0-9a-f-]{36}$/);
      expect(line.durationMs).to.be.a('number').and.at.least(0);
    }
    expect(logged[1].requestId).to.equal(read.headers['request-id']);
    expect(logged[1].bytes).to.equal(Buffer.byteLength(read.text));
    expect(JSON.stringify(logged)).to.not.match(/secret\.person|\$filter|userMail/);
    expect(JSON.stringify(logged)).to.not.contain(id);
  });

  it('logs each inner request of a $batch with the request-id its inner response carries, its bytes as sent alone, and the batch itself', async () => {
    const batch = await request(gateway.app).post('/beta/$batch').send({ requests: [
      { id: '1', method: 'POST', url: '/privilegedOperationEvents', headers: { 'Content-Type': 'application/json' }, body: SEED_EVENT },
      { id: '2', method: 'GET', url: "/privilegedOperationEvents('nope')" },
    ] }).expect(200);
    await settle();
    const inner = batch.body.responses as { id: string; status: number; headers: Record<string, string>; body: unknown }[];
    const logged = requestLines(lines);
    expect(logged.map((line) => [line.method, line.route, line.operation, line.status]).sort()).to.deep.equal([
      ['GET', '/privilegedOperationEvents({key})', 'entity', 404], ['POST', '/$batch', 'batch', 200],
      ['POST', '/privilegedOperationEvents', 'create', 201],
    ].sort());
    for (const response of inner) {
      const id = Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'request-id')?.[1];
      expect(logged.filter((line) => line.requestId === id), `inner ${response.id}`).to.have.length(1);
      // the inner answer's JSON is embedded as a value, never encoded alone: the count is its encoding's length
      expect(logged.find((line) => line.requestId === id)?.bytes, `inner ${response.id} bytes`).to.equal(Buffer.byteLength(JSON.stringify(response.body)));
    }
  });

  it('logs 4xx at info, and a client-caused 501 ($expand, $apply) without any error line or stack', async () => {
    await request(gateway.app).get(`${EVENTS}('nope')`).expect(404);
    await request(gateway.app).get(`${EVENTS}?$expand=owner`).expect(501);
    await request(gateway.app).get(`${EVENTS}?$apply=groupby((userId))`).expect(501);
    await request(gateway.app).get('/beta/noSuchSet').expect(404);
    await settle();
    expect(requestLines(lines).map((line) => [line.level, line.status, line.route])).to.deep.equal([
      ['info', 404, '/privilegedOperationEvents({key})'], ['info', 501, '/privilegedOperationEvents'],
      ['info', 501, '/privilegedOperationEvents'], ['info', 404, '(unmatched)'],
    ]);
    expect(lines.filter((line) => line.level === 'error')).to.deep.equal([]);
    expect(JSON.stringify(lines)).to.not.contain('"stack"');
  });

  it('logs HEAD, $metadata and the service document with their routes; HEAD sends no body bytes', async () => {
    await request(gateway.app).head('/beta/$metadata').expect(200);
    await request(gateway.app).get('/beta/').expect(200);
    await settle();
    expect(requestLines(lines).map((line) => [line.method, line.route, line.operation, line.bytes === 0])).to.deep.equal([
      ['HEAD', '/$metadata', 'metadata', true], ['GET', '/', 'serviceDocument', false],
    ]);
  });

  it('counts the compressed bytes when the answer is compressed', async () => {
    const identity = await request(gateway.app).get('/beta/$metadata').set('Accept-Encoding', 'identity');
    await request(gateway.app).get('/beta/$metadata').set('Accept-Encoding', 'gzip');
    await settle();
    const [plain, gzip] = requestLines(lines);
    expect(plain.bytes).to.equal(Buffer.byteLength(identity.text));
    expect(gzip.bytes).to.be.greaterThan(0).and.lessThan((plain.bytes as number) / 2);
  });

  it('is off with ACCESS_LOG=off, and samples successes (never errors) with a rate', async () => {
    const off = await gatewayWithLog({ ACCESS_LOG: 'off' });
    const sampled = await gatewayWithLog({ ACCESS_LOG: '0.000001' });
    try {
      for (const target of [off, sampled]) {
        for (let index = 0; index < 5; index += 1) await request(target.gateway.app).get('/beta/').expect(200);
        await request(target.gateway.app).get(`${EVENTS}('nope')`).expect(404);
      }
      await settle();
      expect(requestLines(off.lines)).to.deep.equal([]);
      expect(requestLines(sampled.lines).map((line) => line.status)).to.deep.equal([404]);
    } finally {
      await off.gateway.dispose();
      await sampled.gateway.dispose();
    }
  });

  it('with LOG_LEVEL=warn writes only the lines of 5xx answers, their bytes the body sent', async () => {
    const warnLines: Line[] = [];
    const logger = createLogger('warn', (text) => { warnLines.push(JSON.parse(text) as Line); });
    const quiet = await startTestGateway({ logger });
    try {
      const created = await request(quiet.app).post(EVENTS).send(SEED_EVENT).expect(201);
      await request(quiet.app).get(`${EVENTS}('${created.body.id as string}')`).expect(200);
      await request(quiet.app).get(`${EVENTS}('nope')`).expect(404);
      await settle();
      expect(warnLines.filter((line) => line.level !== 'warn'), 'nothing below warn').to.deep.equal([]);
      expect(requestLines(warnLines), 'no request line for 2xx or 4xx').to.deep.equal([]);
      await quiet.store.close(); // the database is gone: the service's fault, a 5xx
      const failed = await request(quiet.app).get(`${EVENTS}('${created.body.id as string}')`).set('Accept-Encoding', 'identity');
      expect(failed.status).to.be.within(500, 599);
      await settle();
      const [line, ...others] = requestLines(warnLines);
      expect(others).to.deep.equal([]);
      expect(line).to.include({ level: 'warn', status: failed.status, route: '/privilegedOperationEvents({key})', bytes: Buffer.byteLength(failed.text) });
    } finally {
      await quiet.dispose().catch(() => undefined);
    }
  });

  it('logs and counts the 503 of a closed gateway like any other answer, with CORS headers a browser can read', async () => {
    const closing = await gatewayWithLog({ CORS_ALLOWED_ORIGINS: 'https://app.contoso.test' });
    try {
      await closing.gateway.close();
      const refused = await request(closing.gateway.app).get(EVENTS).set('Origin', 'https://app.contoso.test').expect(503);
      expect([refused.body.error.code, refused.headers['retry-after'], refused.headers['access-control-allow-origin']])
        .to.deep.equal(['serviceNotAvailable', '5', 'https://app.contoso.test']);
      await settle();
      const logged = requestLines(closing.lines).map((line) => [line.level, line.route, line.status, line.requestId === refused.headers['request-id']]);
      expect(logged).to.deep.equal([['warn', '(unmatched)', 503, true]]);
      const metrics = (await request(closing.gateway.app).get('/metrics').expect(200)).text;
      expect(metrics).to.match(/^odata_gateway_requests_total\{[^}]*status_class="5xx"[^}]*\} 1$/m);
    } finally {
      await closing.gateway.dispose();
    }
  });

  it('reads ACCESS_LOG as on, off or a rate, and refuses anything else at start-up', async () => {
    expect([parseAccessLog('on'), parseAccessLog('OFF'), parseAccessLog('0.25'), parseAccessLog('1')]).to.deep.equal([1, 0, 0.25, 1]);
    for (const bad of ['yes', '2', '-0.1', '0.5.1']) expect(parseAccessLog(bad), bad).to.equal(undefined);
    const error = await startTestGateway({ env: { ACCESS_LOG: 'sometimes' } }).then(() => undefined, (caught: unknown) => caught);
    expect((error as Error).message).to.contain("ACCESS_LOG 'sometimes' must be on, off or a sample rate");
  });
});

describe('access log with the real bearer policy', () => {
  let key: SigningKey;
  let provider: IdentityProvider;
  let gateway: AuthTestGateway;
  before(async () => {
    key = await createSigningKey('access-log-key');
    provider = await startIdentityProvider(TENANT_ID, [key]);
    gateway = await startAuthGateway(provider);
  });
  after(async () => {
    await gateway.dispose();
    await provider.close();
  });

  it('names the calling application of a real token, and none for an anonymous 401, never the token', async () => {
    const token = await signToken(key, appOnlyClaims(ACCESS_REVIEWS_APP_ID, [CREATOR_ROLE]));
    await request(gateway.app).post(EVENTS).set('Authorization', `Bearer ${token}`).send(SEED_EVENT).expect(201);
    await request(gateway.app).get(EVENTS).expect(401);
    await settle();
    const logged = gateway.logLines.map((line) => JSON.parse(line) as Line).filter((line) => line.event === 'request');
    expect(logged.map((line) => [line.status, line.callerAppId])).to.deep.equal([[201, ACCESS_REVIEWS_APP_ID.toLowerCase()], [401, undefined]]);
    expect(gateway.logLines.join('\n')).to.not.contain(token.split('.')[1]);
  });
});
