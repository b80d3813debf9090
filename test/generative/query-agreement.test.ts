// Generative: random valid $filter/$orderby/$select/$top/$skip over random stored rows (7-digit timestamps, every
// plane, ties, nulls) answer exactly what the JavaScript oracle computes, on SQLite and on PostgreSQL, through the
// HTTP API and across server-driven pages ($skiptoken) of 3 entities.
import { expect } from 'chai';
import fc from 'fast-check';
import request from 'supertest';
import { runSettings, timeoutFor } from '../support/fast-check-settings';
import { expectedAnswer, instantPool, queryArbitrary, queryString, rowsArbitrary } from '../support/query-arbitraries';
import type { Row } from '../support/query-oracle';
import { EVENTS, SERVICE_ROOT, startTestGateway, TEST_ENGINES, type TestGateway } from '../support/test-gateway';

const RUNS = 60;
const scenario = instantPool.chain((pool) => fc.record({ rows: rowsArbitrary(pool), query: queryArbitrary(pool) }));

for (const engine of TEST_ENGINES) describe(`generative: queries agree with the oracle on ${engine}`, function () {
  this.timeout(timeoutFor(RUNS, 90_000));
  let gateway: TestGateway;
  let run = 0;
  before(async function () {
    gateway = await startTestGateway({ engine, skip: () => this.skip() });
  });
  after(async () => { await gateway?.dispose(); });

  /** Every page of the answer, following @odata.nextLink. */
  async function readAll(query: string): Promise<Row[]> {
    const values: Row[] = [];
    let url: string | undefined = `${EVENTS}?${query}`;
    for (let page = 0; url !== undefined; page += 1) {
      const response = await request(gateway.app).get(url).set('Prefer', 'odata.maxpagesize=3');
      expect(response.status, `${url}: ${JSON.stringify(response.body)}`).to.equal(200);
      values.push(...(response.body.value as Row[]).map((entity) => Object.fromEntries(Object.entries(entity).filter(([name]) => !name.startsWith('@')))));
      const next = response.body['@odata.nextLink'] as string | undefined;
      url = next === undefined ? undefined : `/beta${next.slice(SERVICE_ROOT.length)}`;
      expect(page, 'pages').to.be.below(20);
    }
    return values;
  }

  it('returns the oracle\'s entities in the oracle\'s order', async () => {
    const tally = { runs: 0, filteredSome: 0, severalOrdered: 0 };
    await fc.assert(fc.asyncProperty(scenario, async ({ rows, query }) => {
      run += 1;
      const tenant = `run-${run}`;
      const stored: Row[] = [];
      for (const row of rows) {
        const created = await request(gateway.app).post(EVENTS).send({ ...row.body, tenantId: tenant });
        expect(created.status, JSON.stringify(created.body)).to.equal(201);
        stored.push({ ...row.wire, tenantId: tenant, id: created.body.id as string });
      }
      const raw = queryString(query, tenant);
      const expected = expectedAnswer(query, stored);
      expect(await readAll(raw), decodeURIComponent(raw)).to.deep.equal(expected);
      tally.runs += 1;
      if (query.filter && expected.length > 0 && expected.length < rows.length) tally.filteredSome += 1;
      if (query.orderBy.length > 0 && expected.length > 1) tally.severalOrdered += 1;
    }), runSettings(RUNS));
    // The generated data and queries must exercise something: filters that keep some rows, orders over several
    expect(tally.filteredSome, JSON.stringify(tally)).to.be.greaterThan(tally.runs / 10);
    expect(tally.severalOrdered, JSON.stringify(tally)).to.be.greaterThan(tally.runs / 10);
  });
});
