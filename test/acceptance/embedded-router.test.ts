// The gateway in a host's Express app: mounted at any path beside the host's routes, behind the host's own body parser.
import { expect } from 'chai';
import express, { type Express } from 'express';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { ODataGateway } from '../../src/gateway-options';
import { embeddedGateway, HOST_ORIGIN } from '../support/embedded-gateway';
import { expectGraphError } from '../support/graph-assertions';
import { SEED_EVENT, temporaryDirectory } from '../support/test-gateway';

const MOUNT = '/graph/beta';
const ROOT = `${HOST_ORIGIN}${MOUNT}`;
const EVENTS = `${MOUNT}/privilegedOperationEvents`;

/** A host with its own routes before and after the mount, a global express.json() and its own 404. */
function host(gateway: ODataGateway, mount = MOUNT, parsers: express.RequestHandler[] = [express.json()]): Express {
  const app = express();
  app.use(...parsers);
  app.get('/health', (_req, res) => { res.send('host ok'); });
  app.use(mount, gateway.router);
  app.get('/readyz', gateway.readiness);
  app.get('/after', (_req, res) => { res.send('host after'); });
  app.use((_req, res) => { res.status(404).send('host 404'); });
  return app;
}

describe('the gateway mounted in a host', () => {
  const directory = temporaryDirectory();
  let gateway: ODataGateway;
  let app: Express;
  before(async () => {
    gateway = await embeddedGateway(directory, { paging: { defaultPageSize: 1 } });
    app = host(gateway);
  });
  after(async () => {
    await gateway?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('creates under the mount path: 201 with Location and context there, behind the host\'s express.json()', async () => {
    const response = await request(app).post(EVENTS).send(SEED_EVENT);
    expect(response.status, JSON.stringify(response.body)).to.equal(201);
    expect(response.headers.location).to.equal(`${ROOT}/privilegedOperationEvents('${response.body.id}')`);
    expect(response.body['@odata.context']).to.equal(`${ROOT}/$metadata#privilegedOperationEvents/$entity`);
    const read = await request(app).get(`${EVENTS}('${response.body.id}')`).expect(200);
    expect(read.body).to.deep.equal(response.body);
  });

  it('puts OData-EntityId of a minimal create under the mount path', async () => {
    const response = await request(app).post(EVENTS).set('Prefer', 'return=minimal').send(SEED_EVENT).expect(204);
    expect(response.headers['odata-entityid']).to.match(new RegExp(`^${ROOT.replace(/\./g, '\\.')}/privilegedOperationEvents\\('[0-9a-f-]{36}'\\)$`));
  });

  it('pages a collection with @odata.nextLink under the mount path, and the link works', async () => {
    await request(app).post(EVENTS).send(SEED_EVENT).expect(201);
    const first = await request(app).get(EVENTS).expect(200);
    expect(first.body['@odata.context']).to.equal(`${ROOT}/$metadata#privilegedOperationEvents`);
    const next = first.body['@odata.nextLink'] as string;
    expect(next).to.match(new RegExp(`^${ROOT.replace(/\./g, '\\.')}/privilegedOperationEvents\\?\\$skiptoken=`));
    const second = await request(app).get(next.slice(HOST_ORIGIN.length)).expect(200);
    expect(second.body.value[0].id).to.not.equal(first.body.value[0].id);
  });

  it('serves the service document and $metadata under the mount path', async () => {
    const document = await request(app).get(`${MOUNT}/`).expect(200);
    expect(document.body['@odata.context']).to.equal(`${ROOT}/$metadata`);
    const metadata = await request(app).get(`${MOUNT}/$metadata`).expect(200);
    expect(metadata.text).to.contain('privilegedOperationEvent');
  });

  it('answers Graph errors inside the service root', async () => {
    expectGraphError(await request(app).get(`${MOUNT}/nothingHere`), 404, 'notFound');
    expectGraphError(await request(app).delete(`${EVENTS}('x')`), 405, 'methodNotAllowed');
  });

  it('leaves every path outside the service root to the host, before and after the mount', async () => {
    expect((await request(app).get('/health')).text).to.equal('host ok');
    expect((await request(app).get('/after')).text).to.equal('host after');
    expect((await request(app).get('/readyz')).body).to.deep.equal({ status: 'ready' });
    const outside = await request(app).get('/graph/alpha');
    expect([outside.status, outside.text]).to.deep.equal([404, 'host 404']);
  });

  it('applies its own body rules to a body the host parsed', async () => {
    expectGraphError(await request(app).post(EVENTS).send([SEED_EVENT]), 400, 'badRequest');
    expectGraphError(await request(app).post(EVENTS).send({ ...SEED_EVENT, unknown: 1 }), 400, 'badRequest');
    expectGraphError(await request(app).post(EVENTS).send({ ...SEED_EVENT, additionalInformation: 'x'.repeat(70_000) }), 413, 'requestEntityTooLarge');
    expectGraphError(await request(app).post(EVENTS).set('Content-Type', 'application/json').send(''), 400, 'badRequest');
  });
});

describe('the gateway behind other body readers of a host', () => {
  const directory = temporaryDirectory();
  let gateway: ODataGateway;
  before(async () => { gateway = await embeddedGateway(directory); });
  after(async () => {
    await gateway?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('parses a body the host read as text or raw bytes', async () => {
    for (const parser of [express.text({ type: '*/*' }), express.raw({ type: '*/*' })]) {
      await request(host(gateway, MOUNT, [parser])).post(EVENTS).set('Content-Type', 'application/json').send(JSON.stringify(SEED_EVENT)).expect(201);
    }
  });

  it('answers a clear 400, never a 500, when the body was consumed and nothing was left in req.body', async () => {
    const drain: express.RequestHandler = (req, _res, next) => { req.resume(); req.on('end', () => next()); };
    const response = await request(host(gateway, MOUNT, [drain])).post(EVENTS).send(SEED_EVENT);
    const error = expectGraphError(response, 400, 'badRequest');
    expect(error.message).to.match(/consumed before it reached the service/);
  });
});

describe('the gateway mounted at the host\'s root', () => {
  const directory = temporaryDirectory();
  let gateway: ODataGateway;
  let app: Express;
  before(async () => {
    gateway = await embeddedGateway(directory);
    app = express().use(express.json()).use(gateway.router).get('/hello', (_req, res) => { res.send('host hello'); });
  });
  after(async () => {
    await gateway?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('serves its resources with the origin as service root', async () => {
    const response = await request(app).post('/privilegedOperationEvents').send(SEED_EVENT).expect(201);
    expect(response.headers.location).to.equal(`${HOST_ORIGIN}/privilegedOperationEvents('${response.body.id}')`);
    expect((await request(app).get('/').expect(200)).body['@odata.context']).to.equal(`${HOST_ORIGIN}/$metadata`);
  });

  it('passes other paths on to the host\'s later routes', async () => {
    expect((await request(app).get('/hello').expect(200)).text).to.equal('host hello');
  });
});

describe('createODataGateway options', () => {
  const directory = temporaryDirectory();
  after(() => rmSync(directory, { recursive: true, force: true }));

  it('throws one ConfigError naming every bad option by its path', async () => {
    const error = await embeddedGateway(directory, {
      publicUrl: 'ftp://x', maxBodyBytes: -1, database: 'mysql://db', paging: { maxPageSize: 'many' as unknown as number },
      auth: { tenantId: 'not-a-guid', audiences: [], creatorAppIds: [] }, colour: 'blue',
    } as never).then(() => undefined, (caught: Error) => caught);
    expect(error?.name).to.equal('ConfigError');
    const problems = (error as unknown as { problems: string[] }).problems;
    for (const name of ["unknown option 'colour'", 'publicUrl', 'maxBodyBytes', 'database.url', 'paging.maxPageSize', 'auth.tenantId', 'auth.audiences']) {
      expect(problems.some((problem) => problem.includes(name)), `${name} in ${problems.join('; ')}`).to.equal(true);
    }
    expect(problems.join('\n')).to.not.match(/\b(PUBLIC_URL|MAX_BODY_BYTES|DATABASE_URL|AUTH_TENANT_ID)\b/);
  });

  it('requires csdl, database, auth and publicUrl, each named once', async () => {
    const error = await import('../../src/index').then((module) => module.createODataGateway({} as never)).then(() => undefined, (caught: Error) => caught);
    expect((error as unknown as { problems: string[] }).problems).to.deep.equal([
      'csdl is required', 'database is required', 'auth is required', 'publicUrl is required',
    ]);
  });

  it('takes the CSDL as XML text', async () => {
    const { readFileSync } = await import('node:fs');
    const { DEFAULTS } = await import('../../src/config/gateway-config');
    // Relative vocabulary references of a CSDL given as text resolve against the working directory (the repository here).
    const xml = readFileSync(DEFAULTS.CSDL_FILE, 'utf8').replace(/Uri="vocabularies\//g, 'Uri="metadata/vocabularies/');
    const gateway = await embeddedGateway(directory, { csdl: xml });
    try {
      expect(gateway.model.entitySets.map((set) => set.name)).to.deep.equal(['privilegedOperationEvents']);
      expect((await request(express().use('/beta', gateway.router)).get('/beta/$metadata').expect(200)).text).to.equal(xml);
    } finally {
      await gateway.close();
    }
  });

  it('answers 503 after close() and releases the database file', async () => {
    const file = join(directory, 'closed.sqlite');
    const gateway = await embeddedGateway(directory, { database: `sqlite:${file}` });
    const app = express().use('/beta', gateway.router);
    await request(app).post('/beta/privilegedOperationEvents').send(SEED_EVENT).expect(201);
    expect(existsSync(`${file}-wal`)).to.equal(true);
    await gateway.close();
    expect(existsSync(`${file}-wal`), 'SQLite removes its WAL file when the last connection closes').to.equal(false);
    expectGraphError(await request(app).get('/beta/privilegedOperationEvents'), 503, 'serviceNotAvailable');
    await gateway.close(); // twice is harmless
  });
});
