// PATCH and DELETE under a CSDL that allows them (and declares ETags): the behaviour the shipped CSDL withholds.
import { expect } from 'chai';
import request from 'supertest';
import { updatableWithEntityTags } from '../metadata/csdl-variants';
import { expectGraphError } from '../support/graph-assertions';
import { EVENTS, SEED_EVENT, SERVICE_ROOT, TEST_ENGINES, useVariantGateway } from '../support/test-gateway';

const MUTABLE = updatableWithEntityTags;

for (const engine of TEST_ENGINES) describe(`PATCH and DELETE with a CSDL that allows them, on ${engine}`, () => {
  const variant = useVariantGateway(engine, MUTABLE);

  async function create(): Promise<{ id: string; etag: string }> {
    const response = await request(variant().app).post(EVENTS).send(SEED_EVENT).expect(201);
    expect(response.body['@odata.etag']).to.equal(response.headers.etag);
    return { id: response.body.id, etag: response.headers.etag };
  }
  const patch = (id: string, body: object, etag?: string) => {
    const req = request(variant().app).patch(`${EVENTS}('${id}')`).send(body);
    return etag === undefined ? req : req.set('If-Match', etag);
  };

  it('answers PATCH with 204 and a new ETag, and the change is stored', async () => {
    const { id, etag } = await create();
    const response = await patch(id, { roleName: 'Security Reader' }, etag);
    expect(response.status).to.equal(204);
    expect(response.headers.etag).to.match(/^".+"$/).and.not.equal(etag);
    const read = await request(variant().app).get(`${EVENTS}('${id}')`);
    expect(read.body.roleName).to.equal('Security Reader');
    expect(read.body.userName).to.equal(SEED_EVENT.userName);
    expect(read.headers.etag).to.equal(response.headers.etag);
  });

  it('answers PATCH with 200 and the entity for Prefer: return=representation', async () => {
    const { id, etag } = await create();
    const response = await patch(id, { requestType: 'Activate' }, etag).set('Prefer', 'return=representation');
    expect(response.status).to.equal(200);
    expect(response.headers['preference-applied']).to.equal('return=representation');
    expect(response.body['@odata.context']).to.equal(`${SERVICE_ROOT}/$metadata#privilegedOperationEvents/$entity`);
    expect(response.body).to.include({ id, requestType: 'Activate', '@odata.etag': response.headers.etag });
  });

  it('ignores a computed id in a PATCH body', async () => {
    const { id, etag } = await create();
    await patch(id, { id: 'other', userName: 'Renamed' }, etag).expect(204);
    expect((await request(variant().app).get(`${EVENTS}('${id}')`)).body.userName).to.equal('Renamed');
  });

  it('validates a PATCH like a create: 400 naming each bad property, nothing changed', async () => {
    const { id, etag } = await create();
    const error = expectGraphError(await patch(id, { userName: 7, colour: 'red' }, etag), 400, 'badRequest');
    expect((error.details as { target: string }[]).map((detail) => detail.target).sort()).to.deep.equal(['colour', 'userName']);
    expect((await request(variant().app).get(`${EVENTS}('${id}')`)).headers.etag).to.equal(etag);
  });

  it('answers 412 to a PATCH whose If-Match is stale, and keeps the entity', async () => {
    const { id, etag } = await create();
    await patch(id, { userName: 'first' }, etag).expect(204);
    expectGraphError(await patch(id, { userName: 'second' }, etag), 412, 'preconditionFailed');
    expect((await request(variant().app).get(`${EVENTS}('${id}')`)).body.userName).to.equal('first');
  });

  it('accepts If-Match: * for any current version', async () => {
    const { id } = await create();
    await patch(id, { userName: 'star' }, '*').expect(204);
  });

  it('answers 428 to a PATCH without If-Match, as Core.OptimisticConcurrency requires', async () => {
    const { id } = await create();
    expectGraphError(await patch(id, { userName: 'x' }), 428, 'preconditionRequired');
  });

  it('answers 304 to GET with If-None-Match naming the current ETag', async () => {
    const { id, etag } = await create();
    const response = await request(variant().app).get(`${EVENTS}('${id}')`).set('If-None-Match', etag);
    expect(response.status).to.equal(304);
    expect(response.text).to.equal('');
  });

  it('answers 200 to GET with If-None-Match naming an old ETag', async () => {
    const { id, etag } = await create();
    await patch(id, { userName: 'changed' }, etag).expect(204);
    await request(variant().app).get(`${EVENTS}('${id}')`).set('If-None-Match', etag).expect(200);
  });

  it('gives each entity of a collection its @odata.etag', async () => {
    const { id, etag } = await create();
    const response = await request(variant().app).get(`${EVENTS}?$filter=id eq '${id}'&$select=userName`);
    expect(response.body.value).to.deep.equal([{ '@odata.etag': etag, userName: SEED_EVENT.userName }]);
  });

  it('answers DELETE with 204, after which the entity is gone', async () => {
    const { id, etag } = await create();
    const rows = await variant().countEvents();
    await request(variant().app).delete(`${EVENTS}('${id}')`).set('If-Match', etag).expect(204);
    expect(await variant().countEvents()).to.equal(rows - 1);
    expectGraphError(await request(variant().app).get(`${EVENTS}('${id}')`), 404, 'itemNotFound');
  });

  it('answers 412 to a DELETE with a stale If-Match, and keeps the entity', async () => {
    const { id, etag } = await create();
    await patch(id, { userName: 'moved on' }, etag).expect(204);
    expectGraphError(await request(variant().app).delete(`${EVENTS}('${id}')`).set('If-Match', etag), 412, 'preconditionFailed');
    await request(variant().app).get(`${EVENTS}('${id}')`).expect(200);
  });

  it('answers 404 to PATCH and DELETE of a missing key', async () => {
    const missing = '00000000-0000-0000-0000-000000000000';
    expectGraphError(await patch(missing, { userName: 'x' }, '*'), 404, 'itemNotFound');
    expectGraphError(await request(variant().app).delete(`${EVENTS}('${missing}')`).set('If-Match', '*'), 404, 'itemNotFound');
  });

  it('advertises PATCH and DELETE in Allow when refusing PUT', async () => {
    const { id } = await create();
    const response = await request(variant().app).put(`${EVENTS}('${id}')`).send(SEED_EVENT);
    expectGraphError(response, 405, 'methodNotAllowed');
    expect(response.headers.allow).to.equal('GET, HEAD, PATCH, DELETE');
  });
});
