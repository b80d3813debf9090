// Generative (fast-check), beside the seeded fuzz of bad-input-fuzz: random invalid bytes, bodies, query strings, headers
// and keys never produce a 5xx, never write, and always produce a Graph error body.
import { expect } from 'chai';
import fc from 'fast-check';
import request from 'supertest';
import { runSettings, timeoutFor } from '../support/fast-check-settings';
import { bodyCase, headersCase, keyCase, queryStringCase, type BodyCase } from '../support/hostile-arbitraries';
import { EVENTS, startTestGateway, TEST_ENGINES, type TestGateway } from '../support/test-gateway';

const RUNS = 150;

/** Shrunk counterexamples found while writing this suite, replayed on every run. */
export const REGRESSIONS: readonly BodyCase[] = [
  { label: 'a body that is only a byte-order mark', bytes: Buffer.from([0xef, 0xbb, 0xbf]), headers: { 'Content-Type': 'application/json' }, mustRefuse: true },
  { label: 'gzip announced, JSON sent', bytes: Buffer.from('{}'), headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, mustRefuse: true },
  { label: 'overlong C0 AF in a string', bytes: Buffer.from('7b22757365724e616d65223a22c0af227d', 'hex'), headers: { 'Content-Type': 'application/json' }, mustRefuse: true },
  { label: 'surrogate ED A0 80 in a string', bytes: Buffer.from('7b22757365724e616d65223a22eda080227d', 'hex'), headers: { 'Content-Type': 'application/json' }, mustRefuse: true },
  { label: 'year 0001 before UTC', bytes: Buffer.from('{"expirationDateTime":"0001-01-01T00:00:00+01:00"}'), headers: { 'Content-Type': 'application/json' }, mustRefuse: true },
];
export const QUERY_REGRESSIONS: readonly string[] = [
  `$filter=${encodeURIComponent('userName eq "Adele"')}`, `$filter=${encodeURIComponent('userName in ["a\\u0000b"]')}`,
  '$filter=substring(userName,3000000000)%20eq%20%27x%27', '$filter=date(creationDateTime)%20eq%202017-02-30',
  `$filter=@a0&${Array.from({ length: 200 }, (_, index) => `@a${index}=@a${index + 1}`).join('&')}`,
];

for (const engine of TEST_ENGINES) describe(`generative: hostile input on ${engine}`, function () {
  this.timeout(timeoutFor(RUNS, 60_000));
  let gateway: TestGateway;
  before(async function () { gateway = await startTestGateway({ engine, skip: () => this.skip() }); });
  after(async () => { await gateway?.dispose(); });

  /** No 5xx (but 501 for OData features the service does not implement); an error status carries Graph's error body. */
  function expectAnswered(response: request.Response, what: string): void {
    const status = response.status === 501 && response.body?.error?.code === 'notImplemented' ? 499 : response.status;
    expect(status, `${what} → ${response.status} ${response.text.slice(0, 300)}`).to.be.below(500);
    if (response.status >= 400) {
      expect(response.body?.error?.code, what).to.be.a('string');
      expect(response.body.error.message, what).to.be.a('string');
      expect(response.body.error.innerError['request-id'], what).to.equal(response.headers['request-id']);
    }
  }

  async function postBody(body: BodyCase): Promise<void> {
    const before = await gateway.countEvents();
    const response = await request(gateway.app).post(EVENTS).set(body.headers).serialize((bytes: unknown) => bytes as string).send(body.bytes);
    expectAnswered(response, body.label);
    if (body.mustRefuse) expect(response.status, `${body.label}: ${response.text.slice(0, 200)}`).to.be.within(400, 499);
    expect(await gateway.countEvents(), `rows after ${body.label}`).to.equal(before + (response.status === 201 ? 1 : 0));
    if (response.status === 201) {
      expect(JSON.stringify(response.body), `${body.label}: U+FFFD stored`).to.not.include('\uFFFD');
    }
  }

  async function get(url: string, headers: Record<string, string> = {}): Promise<void> {
    const before = await gateway.countEvents();
    expectAnswered(await request(gateway.app).get(url).set(headers), `GET ${url} ${JSON.stringify(headers)}`);
    expect(await gateway.countEvents(), `rows after GET ${url}`).to.equal(before);
  }

  it('refuses the kept counterexamples', async () => {
    for (const body of REGRESSIONS) await postBody(body);
    for (const query of QUERY_REGRESSIONS) await get(`${EVENTS}?${query}`);
  });

  it('answers random bodies and their headers with a Graph error, storing only valid creates', async () => {
    await fc.assert(fc.asyncProperty(bodyCase, postBody), runSettings(RUNS));
  });

  it('answers random query strings with 2xx or a Graph error', async () => {
    await fc.assert(fc.asyncProperty(queryStringCase, (query) => get(`${EVENTS}?${query}`)), runSettings(RUNS));
  });

  it('answers random keys, as predicates and as segments, with 2xx or a Graph error', async () => {
    await fc.assert(fc.asyncProperty(keyCase, async (key) => {
      await get(`${EVENTS}(${key})`);
      await get(`${EVENTS}/${key}`);
    }), runSettings(RUNS));
  });

  it('answers random header values with 2xx or a Graph error', async () => {
    await fc.assert(fc.asyncProperty(headersCase, queryStringCase, (headers, query) => get(`${EVENTS}?${query}`, headers)), runSettings(RUNS));
  });
});
