// POST /beta/privilegedOperationEvents: creation, its headers, and every bad input refused with nothing stored.
import { expect } from 'chai';
import request from 'supertest';
import { expectGraphError, expectGraphHeaders } from '../support/graph-assertions';
import { EVENTS, SEED_EVENT, SERVICE_ROOT, startTestGateway, TEST_ENGINES, type TestGateway } from '../support/test-gateway';

const NULL_PROPERTIES = ['additionalInformation', 'expirationDateTime', 'referenceKey', 'referenceSystem', 'requestorId',
  'requestorName', 'requestType', 'tenantId'];

for (const engine of TEST_ENGINES) describe(`POST /beta/privilegedOperationEvents on ${engine}`, () => {
  let gateway: TestGateway;
  before(async function () { gateway = await startTestGateway({ engine, skip: () => this.skip() }); });
  after(async () => { await gateway?.dispose(); });

  const post = (body: unknown) => request(gateway.app).post(EVENTS).send(body as object);

  describe('with the seed example body', () => {
    let response: request.Response;
    let startedAt: number;
    let endedAt: number;
    before(async () => {
      startedAt = Date.now() - 1;
      response = await post(SEED_EVENT).set('client-request-id', 'c0ffee00-1111-2222-3333-444455556666');
      endedAt = Date.now() + 1;
    });

    it('answers 201 Created with the entity context URL first', () => {
      expect(response.status).to.equal(201);
      expect(Object.keys(response.body)[0]).to.equal('@odata.context');
      expect(response.body['@odata.context']).to.equal(`${SERVICE_ROOT}/$metadata#privilegedOperationEvents/$entity`);
    });

    it('returns exactly the seed fields, a service id, the service time and null for the rest', () => {
      const { '@odata.context': _context, id, creationDateTime, ...rest } = response.body;
      expect(id).to.match(/^[0-9a-f-]{36}$/);
      const created = Date.parse(creationDateTime);
      expect(creationDateTime).to.match(/Z$/);
      expect(created).to.be.within(startedAt, endedAt);
      expect(rest).to.deep.equal({ ...SEED_EVENT, ...Object.fromEntries(NULL_PROPERTIES.map((name) => [name, null])) });
    });

    it('sends Location with the entity URL under the public URL', () => {
      expect(response.headers.location).to.equal(`${SERVICE_ROOT}/privilegedOperationEvents('${response.body.id}')`);
    });

    it('sends the Graph headers and echoes client-request-id', () => {
      expectGraphHeaders(response);
      expect(response.headers['client-request-id']).to.equal('c0ffee00-1111-2222-3333-444455556666');
      expect(response.headers['content-type']).to.equal(
        'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8');
    });

    it('stores the entity so that reading it by key returns the same body', async () => {
      const read = await request(gateway.app).get(`${EVENTS}('${response.body.id}')`);
      expect(read.body).to.deep.equal(response.body);
    });
  });

  it('ignores a client value for the computed id', async () => {
    const response = await post({ ...SEED_EVENT, id: 'chosen-by-client' });
    expect(response.status).to.equal(201);
    expect(response.body.id).to.not.equal('chosen-by-client');
  });

  it('gives each created event a different id', async () => {
    const ids = await Promise.all([1, 2, 3, 4].map(async () => (await post(SEED_EVENT)).body.id));
    expect(new Set(ids).size).to.equal(4);
  });

  it('keeps a caller creationDateTime, converted to UTC with its fractional digits', async () => {
    const response = await post({ ...SEED_EVENT, creationDateTime: '2017-06-25T09:00:00.123456+02:00' });
    expect(response.body.creationDateTime).to.equal('2017-06-25T07:00:00.123456Z');
  });

  it('sets creationDateTime when the caller sends null', async () => {
    const response = await post({ ...SEED_EVENT, creationDateTime: null });
    expect(Date.parse(response.body.creationDateTime)).to.be.closeTo(Date.now(), 60_000);
  });

  it('accepts instance annotations such as @odata.type without storing them', async () => {
    const response = await post({ '@odata.type': '#microsoft.graph.privilegedOperationEvent', ...SEED_EVENT });
    expect(response.status).to.equal(201);
    expect(response.body).to.not.have.property('@odata.type');
  });

  it('answers Prefer: return=minimal with 204, OData-EntityId and Preference-Applied', async () => {
    const response = await post(SEED_EVENT).set('Prefer', 'return=minimal');
    expect(response.status).to.equal(204);
    expect(response.text).to.equal('');
    expect(response.headers['odata-entityid']).to.match(/^https:\/\/graph\.test\.example\/beta\/privilegedOperationEvents\('[0-9a-f-]{36}'\)$/);
    expect(response.headers.location).to.equal(response.headers['odata-entityid']);
    expect(response.headers['preference-applied']).to.equal('return=minimal');
  });

  it('builds context URL and Location from PUBLIC_URL, never from the Host header', async () => {
    const response = await post(SEED_EVENT).set('Host', 'evil.example');
    expect(response.headers.location).to.match(/^https:\/\/graph\.test\.example\/beta\//);
    expect(response.body['@odata.context']).to.match(/^https:\/\/graph\.test\.example\/beta\//);
  });
});
