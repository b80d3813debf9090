// Hostile input on delta query, generated: altered tokens are always a 400, odd queries a 400 or 501, never a 5xx or a leak.
import { expect } from 'chai';
import fc from 'fast-check';
import request from 'supertest';
import { EVENTS, startTestGateway, TEST_ENGINES, type TestGateway } from '../support/test-gateway';

const DELTA = `${EVENTS}/delta`;
const SEED = Number(process.env.FC_SEED ?? 1313);
const PROPERTIES = ['requestType', 'tenantId', 'userId', 'roleName', 'id', 'creationDateTime', 'nope'];
const OPERATORS = ['eq', 'ne', 'gt', 'in', 'has', 'add', 'and', 'or', 'not', ''];
const LITERALS = ["'Assign'", "'x''y'", '1', 'null', 'true', '2017-01-01T00:00:00Z', "('a','b')", "'", '(', '%', '@p'];

for (const engine of TEST_ENGINES) describe(`delta query under generated hostile input, on ${engine}`, function () {
  this.timeout(60_000);
  let gateway: TestGateway;
  let tokens: string[];
  before(async function () {
    gateway = await startTestGateway({ engine, skip: () => this.skip() });
    for (let index = 0; index < 3; index += 1) await request(gateway.app).post(EVENTS).send({ userId: `u${index}` }).expect(201);
    const page = await request(gateway.app).get(DELTA).set('Prefer', 'odata.maxpagesize=1').expect(200);
    const latest = await request(gateway.app).get(`${DELTA}?$deltatoken=latest`).expect(200);
    tokens = [new URL(page.body['@odata.nextLink']).searchParams.get('$skiptoken')!, new URL(latest.body['@odata.deltaLink']).searchParams.get('$deltatoken')!];
  });
  after(async () => { await gateway?.dispose(); });

  const expectClean = (response: request.Response, allowed: readonly number[]) => {
    expect(allowed, `${response.status}: ${response.text}`).to.include(response.status);
    if (response.status >= 400) expect(response.text).to.not.match(/SELECT |SQLITE_|pg_snapshot|pg_visible|\.js:\d+:\d+/);
  };

  it('answers every altered $deltatoken and $skiptoken with 400', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: 1 }), fc.nat(), fc.string({ minLength: 1, maxLength: 3 }), fc.boolean(),
      async (which, at, insert, asDelta) => {
        const token = tokens[which];
        const position = at % token.length;
        const altered = `${token.slice(0, position)}${insert}${token.slice(position + 1)}`;
        fc.pre(altered !== token && altered !== 'latest');
        const response = await request(gateway.app).get(`${DELTA}?${asDelta ? '$deltatoken' : '$skiptoken'}=${encodeURIComponent(altered)}`);
        expectClean(response, [400]);
      }), { seed: SEED, numRuns: 200 });
  });

  it('answers generated $filter and option combinations with 200, 400 or 501 only', async () => {
    const term = fc.tuple(fc.constantFrom(...PROPERTIES), fc.constantFrom(...OPERATORS), fc.constantFrom(...LITERALS)).map((parts) => parts.join(' '));
    const filter = fc.array(term, { minLength: 1, maxLength: 3 }).map((terms) => terms.join(' and '));
    const option = fc.constantFrom('', '&$select=userId', '&$select=nope', '&$orderby=id', '&$top=1', '&$deltatoken=latest', '&$skiptoken=', '&@p=1', '&$format=json');
    await fc.assert(fc.asyncProperty(filter, option, fc.boolean(), async (text, extra, encoded) => {
      const value = encoded ? encodeURIComponent(text) : text.replace(/ /g, '%20');
      expectClean(await request(gateway.app).get(`${DELTA}?$filter=${value}${extra}`), [200, 400, 501]);
    }), { seed: SEED, numRuns: 200 });
  });
});
