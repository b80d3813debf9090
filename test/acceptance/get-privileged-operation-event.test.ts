// GET /beta/privilegedOperationEvents('<id>'): both key syntaxes, $select, metadata levels and the errors.
import { expect } from 'chai';
import request from 'supertest';
import { expectGraphError, expectGraphHeaders } from '../support/graph-assertions';
import { EVENTS, SEED_EVENT, SERVICE_ROOT, startTestGateway, TEST_ENGINES, type TestGateway } from '../support/test-gateway';

for (const engine of TEST_ENGINES) describe(`GET /beta/privilegedOperationEvents by key on ${engine}`, () => {
  let gateway: TestGateway;
  let created: Record<string, unknown>;
  before(async function () {
    gateway = await startTestGateway({ engine, skip: () => this.skip() });
    created = (await request(gateway.app).post(EVENTS).send({ ...SEED_EVENT, requestType: 'Assign' }).expect(201)).body;
  });
  after(async () => { await gateway?.dispose(); });

  const get = (path: string) => request(gateway.app).get(path);

  for (const [syntax, path] of [
    ["('<id>')", () => `${EVENTS}('${created.id}')`],
    ["(id='<id>')", () => `${EVENTS}(id='${created.id}')`],
    ['/<id> (key as segment)', () => `${EVENTS}/${created.id}`],
  ] as const) {
    it(`returns the created entity for the key syntax ${syntax}`, async () => {
      const response = await get(path());
      expect(response.status).to.equal(200);
      expectGraphHeaders(response);
      expect(response.body).to.deep.equal(created);
    });
  }

  it('answers 404 itemNotFound for a key that does not exist', async () => {
    const error = expectGraphError(await get(`${EVENTS}('00000000-0000-0000-0000-000000000000')`), 404, 'itemNotFound');
    expect(error.message).to.contain('00000000-0000-0000-0000-000000000000');
  });

  it('answers 404 for a key with quotes and URL delimiters instead of failing to parse it', async () => {
    expectGraphError(await get(`${EVENTS}('it''s%3Fa%26b%23c%25')`), 404, 'itemNotFound');
  });

  it('answers 400 to a key holding U+0000, which no stored id can contain', async () => {
    const error = expectGraphError(await get(`${EVENTS}('a%00b')`), 400, 'badRequest');
    expect(error.target).to.equal('id');
  });

  it('answers 400 to a key predicate that is not a string literal', async () => {
    expectGraphError(await get(`${EVENTS}(42)`), 400, 'badRequest');
  });

  it('applies $select with the context URL naming the selected properties', async () => {
    const response = await get(`${EVENTS}('${created.id}')?$select=requestType,userId`);
    expect(response.body).to.deep.equal({
      '@odata.context': `${SERVICE_ROOT}/$metadata#privilegedOperationEvents(requestType,userId)/$entity`,
      requestType: 'Assign', userId: SEED_EVENT.userId,
    });
  });

  it('answers 400 naming the target when $select names an unknown property', async () => {
    const error = expectGraphError(await get(`${EVENTS}('${created.id}')?$select=riskLevel`), 400, 'badRequest');
    expect(error.target).to.equal('riskLevel');
  });

  it('adds @odata.type, @odata.id and @odata.editLink for odata.metadata=full', async () => {
    const response = await get(`${EVENTS}('${created.id}')`).set('Accept', 'application/json;odata.metadata=full');
    const entityUrl = `${SERVICE_ROOT}/privilegedOperationEvents('${created.id}')`;
    expect(response.headers['content-type']).to.match(/odata\.metadata=full/);
    expect(response.body).to.include({ '@odata.type': '#microsoft.graph.privilegedOperationEvent', '@odata.id': entityUrl, '@odata.editLink': entityUrl });
  });

  it('drops every control annotation for odata.metadata=none', async () => {
    const response = await get(`${EVENTS}('${created.id}')?$format=application/json;odata.metadata=none`);
    const { '@odata.context': _context, ...properties } = created;
    expect(response.body).to.deep.equal(properties);
  });

  it('reads one property with its context URL', async () => {
    const response = await get(`${EVENTS}('${created.id}')/requestType`);
    expect(response.body).to.deep.equal({
      '@odata.context': `${SERVICE_ROOT}/$metadata#privilegedOperationEvents('${created.id}')/requestType`, value: 'Assign',
    });
  });

  it('reads the raw value of a property with /$value as text/plain', async () => {
    const response = await get(`${EVENTS}/${created.id}/requestType/$value`);
    expect(response.headers['content-type']).to.match(/^text\/plain/);
    expect(response.text).to.equal('Assign');
  });

  it('answers 204 for a property whose value is null', async () => {
    const response = await get(`${EVENTS}('${created.id}')/tenantId`);
    expect(response.status).to.equal(204);
  });

  it('answers 404 notFound for a property the type does not have', async () => {
    expectGraphError(await get(`${EVENTS}('${created.id}')/riskLevel`), 404, 'notFound');
  });

  it('answers 406 when the client accepts only XML', async () => {
    expectGraphError(await get(`${EVENTS}('${created.id}')`).set('Accept', 'application/xml'), 406, 'notAcceptable');
  });

  it('answers 405 with Allow to PATCH, because the CSDL says events are not updatable', async () => {
    const response = await request(gateway.app).patch(`${EVENTS}('${created.id}')`).send({ userName: 'x' });
    expectGraphError(response, 405, 'methodNotAllowed');
    expect(response.headers.allow).to.equal('GET, HEAD');
  });

  it('answers 405 with Allow to DELETE, because the CSDL says events are not deletable', async () => {
    const response = await request(gateway.app).delete(`${EVENTS}('${created.id}')`);
    expectGraphError(response, 405, 'methodNotAllowed');
    expect(response.headers.allow).to.equal('GET, HEAD');
    await get(`${EVENTS}('${created.id}')`).expect(200);
  });
});
