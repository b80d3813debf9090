// What $openapi adds to the converter's output: Graph's error body on every 4XX/5XX, and the Graph headers exactly
// where the service reads or sends them (the shipped CSDL, and a variant with PATCH, DELETE and ETags).
import SwaggerParser from '@apidevtools/swagger-parser';
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import request from 'supertest';
import { updatableWithEntityTags } from '../metadata/csdl-variants';
import { startTestGateway, temporaryDirectory, writeVariantCsdl, type TestGateway } from '../support/test-gateway';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const METHODS = ['get', 'post', 'patch', 'put', 'delete'];

function operations(document: Json): Array<[string, string, Json]> {
  return Object.entries(document.paths as Json).flatMap(([path, item]) =>
    Object.entries(item as Json).filter(([method]) => METHODS.includes(method)).map(([method, operation]) => [path, method, operation] as [string, string, Json]));
}
const headerParameters = (operation: Json): string[] => (operation.parameters as Json[])
  .map((parameter) => (parameter.$ref ? String(parameter.$ref).split('/').pop()! : parameter.in === 'header' ? parameter.name : ''))
  .filter((name) => name !== '' && !['top', 'skip', 'count', 'search'].includes(name));
const responseHeaders = (operation: Json, status: string): string[] => Object.keys(operation.responses[status]?.headers ?? {});

for (const version of ['3.0', '3.1']) describe(`$openapi ${version}: Graph's conventions on top of odata-openapi`, () => {
  const directory = temporaryDirectory();
  let shipped: Json;
  let mutable: Json;
  before(async () => {
    const gateways: TestGateway[] = [await startTestGateway(), await startTestGateway({ env: { CSDL_FILE: writeVariantCsdl(directory, updatableWithEntityTags) } })];
    try {
      [shipped, mutable] = await Promise.all(gateways.map(async (gateway) => (await request(gateway.app).get(`/beta/$openapi?version=${version}`).expect(200)).body as Json));
    } finally {
      await Promise.all(gateways.map((gateway) => gateway.dispose()));
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('both documents validate (swagger-parser)', async () => {
    await SwaggerParser.validate(structuredClone(shipped) as never);
    await SwaggerParser.validate(structuredClone(mutable) as never);
  });

  it('answers every 4XX and 5XX of every operation with Graph\'s ODataError, not the converter\'s error', () => {
    const { schemas, responses } = shipped.components;
    expect(schemas).to.not.have.property('error');
    expect(responses.error.content['application/json'].schema).to.deep.equal({ $ref: '#/components/schemas/microsoft.graph.ODataErrors.ODataError' });
    expect(schemas['microsoft.graph.ODataErrors.ODataError']).to.deep.include({ required: ['error'], properties: { error: { $ref: '#/components/schemas/microsoft.graph.ODataErrors.MainError' } } });
    const main = schemas['microsoft.graph.ODataErrors.MainError'];
    expect(main.required).to.deep.equal(['code', 'message']);
    expect(Object.keys(main.properties)).to.deep.equal(['code', 'message', 'target', 'details', 'innerError']);
    expect(main.properties.details.items).to.deep.equal({ $ref: '#/components/schemas/microsoft.graph.ODataErrors.ErrorDetails' });
    expect(Object.keys(schemas['microsoft.graph.ODataErrors.InnerError'].properties)).to.deep.equal(['request-id', 'client-request-id', 'date']);
    for (const [path, method, operation] of [...operations(shipped), ...operations(mutable)]) {
      for (const status of ['4XX', '5XX']) expect(operation.responses[status], `${method} ${path} ${status}`).to.deep.equal({ $ref: '#/components/responses/error' });
    }
  });

  it('gives every operation client-request-id and every response request-id and client-request-id', () => {
    expect(Object.keys(shipped.components.responses.error.headers)).to.deep.equal(['request-id', 'client-request-id']);
    for (const [path, method, operation] of [...operations(shipped), ...operations(mutable)]) {
      expect(headerParameters(operation), `${method} ${path}`).to.include('client-request-id');
      for (const status of Object.keys(operation.responses).filter((key) => /^\d+$/.test(key))) {
        expect(responseHeaders(operation, status), `${method} ${path} ${status}`).to.include.members(['request-id', 'client-request-id']);
      }
    }
  });

  it('describes Prefer, Preference-Applied, Location and OData-EntityId where the service reads or sends them, and no ConsistencyLevel', () => {
    const collection = shipped.paths['/privilegedOperationEvents'];
    expect(headerParameters(collection.get)).to.deep.equal(['client-request-id', 'Prefer']);
    expect(responseHeaders(collection.get, '200')).to.include('Preference-Applied');
    expect(headerParameters(collection.post)).to.deep.equal(['client-request-id', 'Prefer']);
    expect(responseHeaders(collection.post, '201')).to.deep.equal(['request-id', 'client-request-id', 'Location', 'Preference-Applied']);
    expect(responseHeaders(collection.post, '204')).to.deep.equal(['request-id', 'client-request-id', 'Location', 'OData-EntityId', 'Preference-Applied']);
    expect(headerParameters(shipped.paths['/privilegedOperationEvents/{id}'].get), 'no ETags in the shipped CSDL').to.deep.equal(['client-request-id']);
    expect(headerParameters(shipped.paths['/$batch'].post)).to.deep.equal(['client-request-id', 'Prefer']);
    expect(JSON.stringify(shipped)).to.not.match(/ConsistencyLevel/i);
  });

  it('describes ETag, If-Match (required) and If-None-Match (304) only where the CSDL declares ETags', () => {
    const entity = mutable.paths['/privilegedOperationEvents/{id}'];
    expect(headerParameters(entity.get)).to.deep.equal(['client-request-id', 'If-None-Match']);
    expect(responseHeaders(entity.get, '200')).to.include('ETag');
    expect(entity.get.responses['304']).to.not.have.property('content');
    for (const method of ['patch', 'delete']) {
      expect((entity[method].parameters as Json[]).find((parameter) => parameter.name === 'If-Match')).to.include({ in: 'header', required: true });
    }
    expect(responseHeaders(entity.patch, '200')).to.include.members(['ETag', 'Preference-Applied']);
    expect(responseHeaders(entity.patch, '204')).to.include('ETag');
    expect(responseHeaders(mutable.paths['/privilegedOperationEvents'].post, '201')).to.include('ETag');
    expect(JSON.stringify(shipped.paths)).to.not.match(/If-Match|"ETag"/);
  });

  it('describes $batch in the formats the CSDL\'s BatchSupport lists: Graph\'s JSON batching and OData 4.0 multipart', () => {
    const batch = shipped.paths['/$batch'].post;
    expect(Object.keys(batch.requestBody.content)).to.deep.equal(['application/json', 'multipart/mixed']);
    expect(Object.keys(batch.responses['200'].content)).to.deep.equal(['application/json', 'multipart/mixed']);
    expect(shipped.components.schemas.BatchRequest.properties.requests.items.properties).to.have.property('atomicityGroup');
    expect(shipped.components.schemas.BatchRequest.properties.requests.maxItems).to.equal(20);
  });
});
