// CORS through the real router: allowed origins only, preflights for the service's methods and Graph clients' headers,
// exposed response headers; no configured origin → no Access-Control-* header at all.
import { expect } from 'chai';
import request from 'supertest';
import { ConfigError } from '../../src/config/gateway-config';
import { CORS_ALLOWED_HEADERS, CORS_EXPOSED_HEADERS } from '../../src/http/cors-policy';
import { EVENTS, SEED_EVENT, startTestGateway, type TestGateway } from '../support/test-gateway';

const APP = 'https://app.contoso.test';
const OTHER = 'https://evil.example';

function listOf(header: string | undefined): string[] {
  return (header ?? '').split(',').map((item) => item.trim().toLowerCase()).filter((item) => item !== '');
}

describe('CORS', () => {
  describe('with allowed origins', () => {
    let gateway: TestGateway;
    before(async () => { gateway = await startTestGateway({ env: { CORS_ALLOWED_ORIGINS: `${APP}, http://localhost:3000` } }); });
    after(() => gateway.dispose());

    it('answers a preflight from an allowed origin with 204, the methods the CSDL allows and the Graph client headers', async () => {
      const response = await request(gateway.app).options(EVENTS).set('Origin', APP)
        .set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization,content-type,client-request-id,prefer');
      expect(response.status).to.equal(204);
      expect(response.headers['access-control-allow-origin']).to.equal(APP);
      expect(listOf(response.headers['access-control-allow-methods'])).to.have.members(['get', 'head', 'post']);
      expect(listOf(response.headers['access-control-allow-headers'])).to.include.members(CORS_ALLOWED_HEADERS.map((name) => name.toLowerCase()));
      expect(listOf(response.headers['access-control-allow-headers'])).to.include.members(['consistencylevel', 'if-match', 'if-none-match', 'odata-version', 'odata-maxversion']);
      expect(response.headers['access-control-max-age']).to.equal('600');
      expect(response.headers['access-control-allow-credentials']).to.equal(undefined);
      expect(listOf(response.headers.vary)).to.include('origin');
    });

    it('adds the allowed origin and the exposed headers to actual responses, errors included', async () => {
      const created = await request(gateway.app).post(EVENTS).set('Origin', APP).send(SEED_EVENT);
      expect(created.status).to.equal(201);
      expect(created.headers['access-control-allow-origin']).to.equal(APP);
      expect(listOf(created.headers['access-control-expose-headers'])).to.have.members(CORS_EXPOSED_HEADERS.map((name) => name.toLowerCase()));
      expect(listOf(created.headers['access-control-expose-headers'])).to.include.members(['request-id', 'client-request-id', 'location', 'odata-entityid', 'etag', 'preference-applied', 'odata-version', 'retry-after']);
      const missing = await request(gateway.app).get(`${EVENTS}('nope')`).set('Origin', 'http://localhost:3000');
      expect(missing.status).to.equal(404);
      expect(missing.headers['access-control-allow-origin']).to.equal('http://localhost:3000');
    });

    it('gives another origin no Access-Control-Allow-Origin (the browser then blocks the answer)', async () => {
      const preflight = await request(gateway.app).options(EVENTS).set('Origin', OTHER).set('Access-Control-Request-Method', 'GET');
      expect(preflight.headers['access-control-allow-origin']).to.equal(undefined);
      const read = await request(gateway.app).get(EVENTS).set('Origin', OTHER);
      expect(read.status).to.equal(200);
      expect(read.headers['access-control-allow-origin']).to.equal(undefined);
    });

    it('leaves same-origin and non-browser requests as they were', async () => {
      const response = await request(gateway.app).get('/beta/');
      expect(response.status).to.equal(200);
      expect(response.headers['access-control-allow-origin']).to.equal(undefined);
    });
  });

  describe('without allowed origins (the default)', () => {
    let gateway: TestGateway;
    before(async () => { gateway = await startTestGateway(); });
    after(() => gateway.dispose());

    it('sends no Access-Control-* header and answers a preflight 405', async () => {
      const preflight = await request(gateway.app).options(EVENTS).set('Origin', APP).set('Access-Control-Request-Method', 'POST');
      expect(preflight.status).to.equal(405);
      const read = await request(gateway.app).get(EVENTS).set('Origin', APP);
      expect(Object.keys(read.headers).filter((name) => name.startsWith('access-control-'))).to.deep.equal([]);
    });
  });

  it('allows any origin with *', async () => {
    const gateway = await startTestGateway({ env: { CORS_ALLOWED_ORIGINS: '*' } });
    try {
      const response = await request(gateway.app).get(EVENTS).set('Origin', OTHER);
      expect(response.headers['access-control-allow-origin']).to.equal('*');
    } finally {
      await gateway.dispose();
    }
  });

  for (const bad of ['https://app.contoso.test/', 'https://app.contoso.test/path', 'app.contoso.test', 'ftp://files.example']) {
    it(`refuses the origin '${bad}' at start-up`, async () => {
      const error = await startTestGateway({ env: { CORS_ALLOWED_ORIGINS: bad } }).then(() => undefined, (caught: unknown) => caught);
      expect(error).to.be.instanceOf(ConfigError);
      expect((error as Error).message).to.contain(`CORS_ALLOWED_ORIGINS '${bad}' must be an origin`);
    });
  }
});
