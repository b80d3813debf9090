// Graph conventions that hold on every response, errors included: ids, versions, unknown paths and methods.
import { expect } from 'chai';
import request from 'supertest';
import { expectGraphError } from '../support/graph-assertions';
import { EVENTS, startTestGateway, type TestGateway } from '../support/test-gateway';

describe('Graph conventions on every response', () => {
  let gateway: TestGateway;
  before(async () => { gateway = await startTestGateway(); });
  after(async () => { await gateway.dispose(); });

  it('gives each response a new request-id', async () => {
    const [first, second] = await Promise.all([request(gateway.app).get('/beta/'), request(gateway.app).get('/beta/')]);
    expect(first.headers['request-id']).to.not.equal(second.headers['request-id']);
  });

  it('echoes client-request-id in the header and in innerError of an error', async () => {
    const response = await request(gateway.app).get('/beta/nothingHere').set('client-request-id', 'abc-123');
    const error = expectGraphError(response, 404, 'notFound');
    expect(response.headers['client-request-id']).to.equal('abc-123');
    expect((error.innerError as Record<string, unknown>)['client-request-id']).to.equal('abc-123');
  });

  it('does not echo a client-request-id that could inject header text', async () => {
    const response = await request(gateway.app).get('/beta/').set('client-request-id', 'a b');
    expect(response.headers).to.not.have.property('client-request-id');
  });

  it('answers 400 when OData-MaxVersion is below 4.0', async () => {
    expectGraphError(await request(gateway.app).get('/beta/').set('OData-MaxVersion', '3.0'), 400, 'badRequest');
  });

  it('answers 400 to an OData-Version it does not speak', async () => {
    expectGraphError(await request(gateway.app).get('/beta/').set('OData-Version', '5.0'), 400, 'badRequest');
  });

  it('accepts OData-MaxVersion 4.01 from 4.01 clients', async () => {
    await request(gateway.app).get('/beta/').set('OData-MaxVersion', '4.01').expect(200);
  });

  it('answers 404 notFound to an unknown entity set', async () => {
    expectGraphError(await request(gateway.app).get('/beta/users'), 404, 'notFound');
  });

  it('answers 404 notFound to a path outside the service root', async () => {
    expectGraphError(await request(gateway.app).get('/v1.0/privilegedOperationEvents'), 404, 'notFound');
  });

  it('answers 404 to a path below an entity that names nothing', async () => {
    expectGraphError(await request(gateway.app).get(`${EVENTS}('x')/a/b`), 404, 'notFound');
  });

  it('answers 400 to broken percent-encoding in the path', async () => {
    expectGraphError(await request(gateway.app).get(`${EVENTS}/%E0%A4%A`), 400, 'badRequest');
  });

  it('answers 405 with Allow to PUT on the entity set', async () => {
    const response = await request(gateway.app).put(EVENTS).send({});
    expectGraphError(response, 405, 'methodNotAllowed');
    expect(response.headers.allow).to.equal('GET, HEAD, POST');
  });
});
