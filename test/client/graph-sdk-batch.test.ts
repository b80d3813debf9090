// The Graph JS client (@microsoft/microsoft-graph-client) batches with BatchRequestContent and reads the answers with
// BatchResponseContent against the loopback gateway: a serial chain of 20 mixed steps with a failing link, and 20 in parallel.
import { expect } from 'chai';
import {
  BatchRequestContent, BatchResponseContent, Client, type BatchRequestStep, type Context, type Middleware,
} from '@microsoft/microsoft-graph-client';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { EVENTS, SEED_EVENT, startTestGateway, type TestGateway } from '../support/test-gateway';

const PUBLIC_ORIGIN = 'https://graph.loopback.test';
const ROOT = `${PUBLIC_ORIGIN}/beta`;

/** The client's last middleware: the public origin's requests go to the loopback port (the client sends https only). */
class LoopbackHandler implements Middleware {
  readonly urls: string[] = [];
  constructor(private readonly origin: string) {}
  async execute(context: Context): Promise<void> {
    const url = String(context.request);
    if (!url.startsWith(PUBLIC_ORIGIN)) throw new Error(`the client asked for ${url}, outside the gateway`);
    this.urls.push(url);
    context.response = await fetch(`${this.origin}${url.slice(PUBLIC_ORIGIN.length)}`, context.options as RequestInit);
  }
}

const post = (body: unknown) => new Request(`${ROOT}/privilegedOperationEvents`, {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
});
interface GraphErrorBody { error: { code: string } }
const get = (path: string) => new Request(`${ROOT}${path}`, { method: 'GET' });

describe('the Graph JS client batches with BatchRequestContent and BatchResponseContent', function () {
  this.timeout(30_000);
  let gateway: TestGateway;
  let server: Server;
  let loopback: LoopbackHandler;
  let client: Client;
  const seeded: string[] = [];

  before(async () => {
    gateway = await startTestGateway({ env: { PUBLIC_URL: PUBLIC_ORIGIN } });
    server = createServer(gateway.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    loopback = new LoopbackHandler(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    client = Client.initWithMiddleware({
      middleware: loopback, baseUrl: `${PUBLIC_ORIGIN}/`, defaultVersion: 'beta', customHosts: new Set([new URL(PUBLIC_ORIGIN).hostname]),
    });
    for (const userName of ['alpha', 'beta', 'gamma']) {
      seeded.push((await request(gateway.app).post(EVENTS).send({ ...SEED_EVENT, userName }).expect(201)).body.id);
    }
  });
  after(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await gateway?.dispose();
  });

  async function send(steps: BatchRequestStep[]): Promise<BatchResponseContent> {
    const content = await new BatchRequestContent(steps).getContent();
    return new BatchResponseContent(await client.api('/$batch').post(content));
  }

  it('runs a serial chain of 20 mixed steps: the failing link answers 400, every later step 424, and nothing after it is written', async () => {
    const requests: Request[] = [
      post({ ...SEED_EVENT, userName: 'chain-1' }), get(`/privilegedOperationEvents('${seeded[0]}')`), post({ ...SEED_EVENT, userName: 'chain-2' }),
      get("/privilegedOperationEvents?$filter=userName eq 'beta'&$select=userName"), get('/privilegedOperationEvents/$count'),
      get(`/privilegedOperationEvents('${seeded[1]}')?$select=userName`), post({ ...SEED_EVENT, userName: 'chain-3' }),
      get('/privilegedOperationEvents?$top=2&$orderby=userName'), get('/'), post({ ...SEED_EVENT, userName: 'chain-4' }),
      get(`/privilegedOperationEvents('${seeded[2]}')`), get("/privilegedOperationEvents?$filter=startswith(userName,'chain')&$count=true"),
      post({ ...SEED_EVENT, userName: 'chain-5' }), get('/privilegedOperationEvents/$count'),
      post({ ...SEED_EVENT, userId: 42 }), // the failing link
      post({ ...SEED_EVENT, userName: 'after-1' }), get('/privilegedOperationEvents'), post({ ...SEED_EVENT, userName: 'after-2' }),
      get(`/privilegedOperationEvents('${seeded[0]}')`), post({ ...SEED_EVENT, userName: 'after-3' }),
    ];
    expect(requests).to.have.length(20);
    const rows = await gateway.countEvents();
    const steps = requests.map((req, index) => ({ id: String(index + 1), request: req, ...(index > 0 ? { dependsOn: [String(index)] } : {}) }));
    const batch = await send(steps);
    expect(batch.getResponses().size).to.equal(20);
    const statuses = steps.map((step) => batch.getResponseById(step.id).status);
    expect(statuses).to.deep.equal([201, 200, 201, 200, 200, 200, 201, 200, 200, 201, 200, 200, 201, 200, 400, 424, 424, 424, 424, 424]);
    expect(await batch.getResponseById('2').json()).to.include({ id: seeded[0], userName: 'alpha' });
    const filtered = await batch.getResponseById('4').json() as { value: { userName: string }[] };
    expect(filtered.value.map((entity) => entity.userName)).to.deep.equal(['beta']);
    const chain = await batch.getResponseById('12').json() as { '@odata.count': number; value: unknown[] };
    expect(chain['@odata.count']).to.equal(4);
    const created = batch.getResponseById('13');
    expect(created.headers.get('location')).to.match(new RegExp(`^${ROOT.replace(/[.]/g, '\\.')}/privilegedOperationEvents\\('`));
    expect(await batch.getResponseById('14').text()).to.equal(String(rows + 5));
    expect((await batch.getResponseById('15').json() as GraphErrorBody).error.code).to.equal('badRequest');
    expect((await batch.getResponseById('16').json() as GraphErrorBody).error.code).to.equal('failedDependency');
    expect(await gateway.countEvents(), 'the five creates before the failing link, none after').to.equal(rows + 5);
    expect(loopback.urls).to.deep.equal([`${ROOT}/$batch`]);
  });

  it('runs 20 independent mixed steps, each answering as it would alone', async () => {
    loopback.urls.length = 0;
    const rows = await gateway.countEvents();
    const requests: Request[] = Array.from({ length: 20 }, (_, index) => {
      switch (index % 5) {
        case 0: return post({ ...SEED_EVENT, userName: `parallel-${index}` });
        case 1: return get(`/privilegedOperationEvents('${seeded[index % 3]}')`);
        case 2: return get("/privilegedOperationEvents?$filter=userName eq 'gamma'");
        case 3: return get("/privilegedOperationEvents('missing')");
        default: return new Request(`${ROOT}/privilegedOperationEvents('${seeded[0]}')`, { method: 'DELETE' });
      }
    });
    const steps = requests.map((req, index) => ({ id: `step-${index}`, request: req }));
    const batch = await send(steps);
    const statuses = steps.map((step) => batch.getResponseById(step.id).status);
    expect(statuses).to.deep.equal(Array.from({ length: 20 }, (_, index) => [201, 200, 200, 404, 405][index % 5]));
    const missing = await batch.getResponseById('step-3').json() as GraphErrorBody;
    expect(missing.error.code).to.equal('itemNotFound');
    expect(batch.getResponseById('step-4').headers.get('allow')).to.equal('GET, HEAD');
    expect(await gateway.countEvents()).to.equal(rows + 4);
    expect(loopback.urls).to.have.length(1);
  });
});
