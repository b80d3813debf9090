// GET /beta/$openapi: the OpenAPI description from the CSDL (odata-openapi), valid for 3.0 and 3.1, with only the
// operations the CSDL allows and each one's security requirements from the CSDL's permissions.
import SwaggerParser from '@apidevtools/swagger-parser';
import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { PUBLIC_URL, SERVICE_ROOT, startTestGateway, type TestGateway } from '../support/test-gateway';

type Operation = { readonly security?: ReadonlyArray<Record<string, string[]>> };
type Document = { openapi: string; servers: Array<{ url: string }>; paths: Record<string, Record<string, Operation>> };

describe('OpenAPI at $openapi', () => {
  let gateway: TestGateway;
  before(async () => { gateway = await startTestGateway(); });
  after(() => gateway.dispose());

  for (const [query, version] of [['', '3.0.2'], ['?version=3.1', '3.1.0']] as const) {
    it(`serves a valid OpenAPI ${version} document (swagger-parser)`, async () => {
      const response = await request(gateway.app).get(`/beta/$openapi${query}`).expect(200);
      expect(response.headers['content-type']).to.match(/^application\/json/);
      const document = response.body as Document;
      expect(document.openapi).to.equal(version);
      expect(document.servers[0].url).to.equal(SERVICE_ROOT);
      await SwaggerParser.validate(structuredClone(document) as never);
    });
  }

  it('has only the operations the CSDL allows, each with its permissions as security requirements', async () => {
    const document = (await request(gateway.app).get('/beta/$openapi').expect(200)).body as Document;
    const collection = document.paths['/privilegedOperationEvents'];
    expect(Object.keys(collection).filter((key) => key !== 'parameters')).to.have.members(['get', 'post']);
    const entityPath = Object.keys(document.paths).find((path) => /^\/privilegedOperationEvents(\('\{id\}'\)|\/\{id\})$/.test(path));
    expect(entityPath, Object.keys(document.paths).join(', ')).to.be.a('string');
    const entity = document.paths[entityPath!];
    expect(Object.keys(entity).filter((key) => key !== 'parameters')).to.deep.equal(['get']);
    const scopesOf = (operation: Operation) => (operation.security ?? []).flatMap((requirement) => Object.values(requirement).flat());
    const { events } = gateway;
    const expected = (operation: 'read' | 'create') => events.permissions![operation].flatMap((permission) => permission.scopes.map((scope) => scope.scope));
    expect(scopesOf(collection.post)).to.have.members(expected('create'));
    expect(scopesOf(collection.get)).to.have.members(expected('read'));
    expect(scopesOf(entity.get)).to.have.members(expected('read'));
    expect(expected('create')).to.include('PrivilegedOperationEvent.Create');
  });

  it('describes POST /$batch, which the CSDL declares (Capabilities.BatchSupported)', async () => {
    const document = (await request(gateway.app).get('/beta/$openapi').expect(200)).body as Document;
    expect(Object.keys(document.paths['/$batch'] ?? {})).to.include('post');
  });

  it('names the mount path of each request as the server (one router mounted at two paths and at the root)', async () => {
    const app = express();
    app.use('/graph/beta', gateway.gateway.router);
    app.use('/other', gateway.gateway.router);
    app.use(gateway.gateway.router);
    for (const [path, root] of [['/graph/beta', `${PUBLIC_URL}/graph/beta`], ['/other', `${PUBLIC_URL}/other`], ['', PUBLIC_URL]]) {
      for (const query of ['', '?version=3.1']) {
        const document = (await request(app).get(`${path}/$openapi${query}`).expect(200)).body as Document;
        expect(document.servers.map((server) => server.url)).to.deep.equal([root]);
        expect(JSON.stringify(document)).to.not.match(/StandIn/);
      }
    }
  });

  it('answers HEAD like GET and 400 for an unknown version', async () => {
    const get = await request(gateway.app).get('/beta/$openapi').set('Accept-Encoding', 'identity');
    const head = await request(gateway.app).head('/beta/$openapi').set('Accept-Encoding', 'identity');
    expect(head.headers['content-length']).to.equal(get.headers['content-length']);
    const bad = await request(gateway.app).get('/beta/$openapi?version=2.0').expect(400);
    expect(bad.body.error.code).to.equal('badRequest');
  });
});
