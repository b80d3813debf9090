// The service document and $metadata: public documents derived from the CSDL file.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { DEFAULTS } from '../../src/config/gateway-config';
import { validateCsdlJson, validateCsdlXml } from '../support/csdl-validation';
import { expectGraphError, expectGraphHeaders } from '../support/graph-assertions';
import { SERVICE_ROOT, startTestGateway, type TestGateway } from '../support/test-gateway';

describe('the service root /beta', () => {
  let gateway: TestGateway;
  before(async () => { gateway = await startTestGateway(); });
  after(async () => { await gateway.dispose(); });

  it('serves the service document listing the entity set', async () => {
    const response = await request(gateway.app).get('/beta/');
    expect(response.status).to.equal(200);
    expectGraphHeaders(response);
    expect(response.body).to.deep.equal({
      '@odata.context': `${SERVICE_ROOT}/$metadata`,
      value: [{ name: 'privilegedOperationEvents', kind: 'EntitySet', url: 'privilegedOperationEvents' }],
    });
  });

  it('serves the CSDL file itself as $metadata XML', async () => {
    const response = await request(gateway.app).get('/beta/$metadata');
    expect(response.status).to.equal(200);
    expect(response.headers['content-type']).to.match(/^application\/xml/);
    expectGraphHeaders(response);
    expect(response.text).to.equal(readFileSync(DEFAULTS.CSDL_FILE, 'utf8'));
  });

  it('serves $metadata XML that is valid against the OASIS CSDL schemas', async () => {
    const response = await request(gateway.app).get('/beta/$metadata');
    expect(await validateCsdlXml(response.text)).to.deep.equal([]);
  });

  for (const [how, call] of [
    ['$format=json', (app: TestGateway['app']) => request(app).get('/beta/$metadata?$format=json')],
    ['Accept: application/json', (app: TestGateway['app']) => request(app).get('/beta/$metadata').set('Accept', 'application/json')],
  ] as const) {
    it(`serves CSDL JSON valid against the OASIS JSON schema for ${how}`, async () => {
      const response = await call(gateway.app);
      expect(response.status).to.equal(200);
      expect(response.headers['content-type']).to.match(/^application\/json/);
      expect(response.body.$EntityContainer).to.equal('microsoft.graph.GraphService');
      expect(validateCsdlJson(response.body)).to.deep.equal([]);
    });
  }

  it('serves $metadata as XML to a generic client that accepts JSON and anything else, as Graph does', async () => {
    const response = await request(gateway.app).get('/beta/$metadata').set('Accept', 'application/json, text/plain, */*');
    expect(response.headers['content-type']).to.match(/^application\/xml/);
  });

  it('serves each vocabulary that $metadata references by a relative Uri, valid CSDL itself', async () => {
    const metadata = (await request(gateway.app).get('/beta/$metadata')).text;
    const references = [...metadata.matchAll(/<edmx:Reference Uri="([^":]+)">\s*<edmx:Include Namespace="([^"]+)"/g)];
    expect(references.map((reference) => reference[2])).to.deep.equal(['Gateway.Authorization.V1', 'Gateway.Storage.V1']);
    for (const [, uri, namespace] of references) {
      const response = await request(gateway.app).get(`/beta/${uri}`);
      expect(response.status).to.equal(200);
      expect(response.headers['content-type']).to.match(/^application\/xml/);
      expect(response.text).to.contain(`Namespace="${namespace}"`);
      expect(await validateCsdlXml(response.text)).to.deep.equal([]);
    }
  });

  it('answers 406 to a $metadata format it does not have', async () => {
    expectGraphError(await request(gateway.app).get('/beta/$metadata?$format=atom'), 406, 'notAcceptable');
  });

  it('answers 405 with Allow to a POST on $metadata', async () => {
    const response = await request(gateway.app).post('/beta/$metadata').set('Content-Type', 'application/json').send('{}');
    expectGraphError(response, 405, 'methodNotAllowed');
    expect(response.headers.allow).to.equal('GET, HEAD');
  });
});
