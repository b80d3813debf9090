// Thousands of generated malformed requests: every answer is a Graph error or a correct success, never a 500.
import { expect } from 'chai';
import request from 'supertest';
import { EVENTS, SEED_EVENT, startTestGateway, TEST_ENGINES, type TestGateway } from '../support/test-gateway';
import { createRandom, malformedBody, malformedHeaders, malformedUrl, type Random } from './malformed-requests';

const ROUNDS = 1500;

for (const engine of TEST_ENGINES) describe(`bad input fuzzing on ${engine}`, function () {
  this.timeout(120_000);
  let gateway: TestGateway;
  before(async function () { gateway = await startTestGateway({ engine, skip: () => this.skip(), env: { MAX_BODY_BYTES: '65536' } }); });
  after(async () => { await gateway?.dispose(); });

  function expectNoServerError(response: request.Response, what: string): void {
    expect(response.status, `${what} → ${response.status} ${response.text.slice(0, 300)}`).to.be.oneOf(
      [200, 201, 204, 400, 404, 405, 406, 413, 415, 501]);
    if (response.status >= 400) {
      expect(response.body?.error?.code, what).to.be.a('string');
      expect(response.body.error.innerError['request-id'], what).to.equal(response.headers['request-id']);
    }
  }

  async function send(random: Random, round: number): Promise<number> {
    const kind = round % 3;
    if (kind === 0) {
      const body = malformedBody(random);
      const response = await request(gateway.app).post(EVENTS).set('Content-Type', body.contentType).send(body.payload);
      expectNoServerError(response, `POST ${body.label}`);
      return response.status === 201 ? 1 : 0;
    }
    const headers = malformedHeaders(random);
    const url = kind === 1 ? malformedUrl(random) : `${EVENTS}('${random.pick(['x', "'; DROP TABLE x; --", '%00'])}')`;
    const response = await request(gateway.app).get(url).set(headers);
    expectNoServerError(response, `GET ${url} ${JSON.stringify(headers)}`);
    return 0;
  }

  it(`answers ${ROUNDS} generated requests without a 500 and stores exactly the valid creates`, async () => {
    const random = createRandom(20261129);
    const rowsBefore = await gateway.countEvents();
    let created = 0;
    for (let round = 0; round < ROUNDS; round += 1) created += await send(random, round);
    expect(created, 'some generated bodies are valid creates').to.be.greaterThan(0);
    expect(await gateway.countEvents()).to.equal(rowsBefore + created);
  });

  it('still serves a valid create after the fuzzing', async () => {
    await request(gateway.app).post(EVENTS).send(SEED_EVENT).expect(201);
  });
});
