// Every bad create gets its Graph error and leaves the table unchanged.
import { expect } from 'chai';
import request from 'supertest';
import { expectGraphError } from '../support/graph-assertions';
import { EVENTS, SEED_EVENT, startTestGateway, TEST_ENGINES, type TestGateway } from '../support/test-gateway';

for (const engine of TEST_ENGINES) describe(`POST /beta/privilegedOperationEvents with bad input on ${engine}`, () => {
  let gateway: TestGateway;
  let rowsBefore: number;
  before(async function () {
    gateway = await startTestGateway({ engine, skip: () => this.skip(), env: { MAX_BODY_BYTES: '2048' } });
    await request(gateway.app).post(EVENTS).send(SEED_EVENT).expect(201);
  });
  beforeEach(async () => { rowsBefore = await gateway.countEvents(); });
  afterEach(async () => { expect(await gateway.countEvents(), 'rows after the refused request').to.equal(rowsBefore); });
  after(async () => { await gateway?.dispose(); });

  const postRaw = (contentType: string, body: string) => request(gateway.app).post(EVENTS).set('Content-Type', contentType).send(body);
  const post = (body: unknown) => postRaw('application/json', JSON.stringify(body));

  it('answers 415 to a body that is not application/json', async () => {
    expectGraphError(await postRaw('text/plain', JSON.stringify(SEED_EVENT)), 415, 'unsupportedMediaType');
  });

  it('answers 415 to a request without a content type', async () => {
    expectGraphError(await request(gateway.app).post(EVENTS).send(Buffer.from('{}')).unset('Content-Type'), 415, 'unsupportedMediaType');
  });

  it('answers 400 to malformed JSON', async () => {
    expectGraphError(await postRaw('application/json', '{"userId": "u1",'), 400, 'badRequest');
  });

  it('answers 400 to an empty body', async () => {
    expectGraphError(await postRaw('application/json', ''), 400, 'badRequest');
  });

  for (const [label, body] of [['an array', '[{"userId":"u1"}]'], ['a string', '"text"'], ['a number', '42'], ['null', 'null']]) {
    it(`answers 400 to ${label} instead of one JSON object`, async () => {
      const error = expectGraphError(await postRaw('application/json', body), 400, 'badRequest');
      expect(error.message).to.match(/one JSON object/);
    });
  }

  it('answers 413 to a body over MAX_BODY_BYTES', async () => {
    expectGraphError(await post({ ...SEED_EVENT, additionalInformation: 'x'.repeat(4096) }), 413, 'requestEntityTooLarge');
  });

  it('answers 400 naming an unknown property as the target', async () => {
    const error = expectGraphError(await post({ ...SEED_EVENT, riskLevel: 'high' }), 400, 'badRequest');
    expect(error.target).to.equal('riskLevel');
    expect(error.details).to.deep.equal([{ code: 'unknownProperty', target: 'riskLevel', message: "'riskLevel' is not a property of privilegedOperationEvent." }]);
  });

  it('answers 400 when a string property holds a number', async () => {
    const error = expectGraphError(await post({ ...SEED_EVENT, userId: 42 }), 400, 'badRequest');
    expect(error.target).to.equal('userId');
  });

  it('answers 400 when a string property holds an object', async () => {
    const error = expectGraphError(await post({ ...SEED_EVENT, roleName: { nested: { deeper: [1] } } }), 400, 'badRequest');
    expect(error.target).to.equal('roleName');
  });

  for (const value of ['2017-06-25', '2017-06-25T07:00:00', 'yesterday', '2017-02-30T07:00:00Z', '2017-06-25T25:00:00Z', 20170625]) {
    it(`answers 400 to creationDateTime ${JSON.stringify(value)}`, async () => {
      const error = expectGraphError(await post({ ...SEED_EVENT, creationDateTime: value }), 400, 'badRequest');
      expect(error.target).to.equal('creationDateTime');
    });
  }

  it('answers 400 to more fractional digits than the declared Precision', async () => {
    const error = expectGraphError(await post({ ...SEED_EVENT, expirationDateTime: '2017-06-25T07:00:00.12345678Z' }), 400, 'badRequest');
    expect(error.message).to.match(/Precision=7/);
  });

  for (const [label, value] of [['U+0000', 'a\u0000b'], ['a lone surrogate', 'a\ud800b']]) {
    it(`answers 400 to a string with ${label}, which the databases cannot store faithfully`, async () => {
      const error = expectGraphError(await post({ ...SEED_EVENT, userName: value }), 400, 'badRequest');
      expect(error.target).to.equal('userName');
    });
  }

  it('reports every problem of one body in details, each with its target', async () => {
    const error = expectGraphError(await post({ userId: 1, roleName: false, color: 'red', expirationDateTime: 'soon' }), 400, 'badRequest');
    const targets = (error.details as { target: string }[]).map((detail) => detail.target).sort();
    expect(targets).to.deep.equal(['color', 'expirationDateTime', 'roleName', 'userId']);
  });
});
