// GET /beta/privilegedOperationEvents: Graph's documented calls, query options, paging edges and their errors.
import { expect } from 'chai';
import request from 'supertest';
import { buildEventFixtures, newestFirst, seedEvents, type SeededEvent } from '../support/event-fixtures';
import { expectGraphError } from '../support/graph-assertions';
import { EVENTS, SERVICE_ROOT, startTestGateway, TEST_ENGINES, type TestGateway } from '../support/test-gateway';

for (const engine of TEST_ENGINES) describe(`GET /beta/privilegedOperationEvents on ${engine}`, () => {
  let gateway: TestGateway;
  let events: SeededEvent[];
  before(async function () {
    gateway = await startTestGateway({ engine, skip: () => this.skip(), env: { DEFAULT_PAGE_SIZE: '10' } });
    events = await seedEvents(gateway.app, buildEventFixtures(32));
  });
  after(async () => { await gateway?.dispose(); });

  const get = (pathAndQuery: string) => request(gateway.app).get(pathAndQuery);
  const ids = (body: { value: { id: string }[] }) => body.value.map((entity) => entity.id);

  it("answers Graph's documented call $filter=requestType eq 'Assign' with exactly the Assign events", async () => {
    const response = await get(`${EVENTS}?$filter=requestType eq 'Assign'`);
    expect(response.status).to.equal(200);
    expect(response.body['@odata.context']).to.equal(`${SERVICE_ROOT}/$metadata#privilegedOperationEvents`);
    const expected = events.filter((event) => event.requestType === 'Assign').map((event) => event.id).sort();
    expect(ids(response.body)).to.deep.equal(expected);
  });

  it("answers Graph's documented date-range call with the exact ids, count and newest-first order", async () => {
    const response = await get(`${EVENTS}?$filter=(creationDateTime ge 2017-06-25T07:00:00Z) and (creationDateTime le 2017-07-25T17:30:17Z)&$count=true&$orderby=creationDateTime desc`);
    const inRange = events.filter((event) => event.creationDateTime >= '2017-06-25T07:00:00Z' && event.creationDateTime <= '2017-07-25T17:30:17Z')
      .sort(newestFirst);
    expect(response.body['@odata.count']).to.equal(inRange.length);
    expect(ids(response.body)).to.deep.equal(inRange.slice(0, 10).map((event) => event.id));
    expect(Object.keys(response.body)).to.deep.equal(['@odata.context', '@odata.count', 'value', '@odata.nextLink']);
  });

  it('names the selected properties in the context URL and returns only them', async () => {
    const response = await get(`${EVENTS}?$select=requestType,id&$top=2`);
    expect(response.body['@odata.context']).to.equal(`${SERVICE_ROOT}/$metadata#privilegedOperationEvents(id,requestType)`);
    expect(Object.keys(response.body.value[0])).to.deep.equal(['id', 'requestType']);
  });

  it('counts the whole filtered set with $count=true, ignoring $top and $skip', async () => {
    const response = await get(`${EVENTS}?$filter=roleName eq 'Security Reader'&$count=true&$top=1&$skip=2`);
    expect(response.body['@odata.count']).to.equal(events.filter((event) => event.roleName === 'Security Reader').length);
    expect(response.body.value).to.have.length(1);
  });

  it('answers /$count with the filtered count as text/plain', async () => {
    const response = await get(`${EVENTS}/$count?$filter=requestType eq 'Activate'`);
    expect(response.headers['content-type']).to.match(/^text\/plain/);
    expect(response.text).to.equal(String(events.filter((event) => event.requestType === 'Activate').length));
  });

  it('accepts percent-encoded and $-less option names with case-insensitive operators', async () => {
    const response = await get(`${EVENTS}?%24filter=requestType%20EQ%20'Assign'&count=true`);
    expect(response.body['@odata.count']).to.equal(events.filter((event) => event.requestType === 'Assign').length);
  });

  it('adds @odata.id, @odata.editLink and @odata.type to each entity for odata.metadata=full', async () => {
    const response = await get(`${EVENTS}?$top=1`).set('Accept', 'application/json;odata.metadata=full');
    const [entity] = response.body.value;
    expect(entity['@odata.id']).to.equal(`${SERVICE_ROOT}/privilegedOperationEvents('${entity.id}')`);
    expect(entity['@odata.type']).to.equal('#microsoft.graph.privilegedOperationEvent');
  });

  it('answers an empty result with an empty value and no nextLink', async () => {
    const response = await get(`${EVENTS}?$filter=requestType eq 'NoSuchType'&$count=true`);
    expect(response.body).to.deep.equal({ '@odata.context': `${SERVICE_ROOT}/$metadata#privilegedOperationEvents`, '@odata.count': 0, value: [] });
  });

  it('answers 400 naming an unknown property in $filter', async () => {
    const error = expectGraphError(await get(`${EVENTS}?$filter=riskLevel eq 'high'`), 400, 'badRequest');
    expect(error.target).to.equal('riskLevel');
  });

  it('answers 400 with the position of a $filter syntax error', async () => {
    const error = expectGraphError(await get(`${EVENTS}?$filter=requestType eq 'Assign' and`), 400, 'badRequest');
    expect(error.message).to.match(/position \d+/);
  });

  it('answers 501 to a function the service does not implement', async () => {
    expectGraphError(await get(`${EVENTS}?$filter=round(length(userName)) eq 8`), 501, 'notImplemented');
  });

  it('answers 501 to $expand', async () => {
    expectGraphError(await get(`${EVENTS}?$expand=owner`), 501, 'notImplemented');
  });
});
