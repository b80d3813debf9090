// The Graph JS client (@microsoft/microsoft-graph-client) syncs the events with delta query against the loopback gateway.
import { expect } from 'chai';
import {
  AuthenticationHandler, Client, PageIterator, type AuthenticationProvider, type Context, type Middleware, type PageCollection,
} from '@microsoft/microsoft-graph-client';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { withDeletableSet } from '../metadata/csdl-variants';
import { EVENTS, startTestGateway, temporaryDirectory, writeVariantCsdl, type TestGateway } from '../support/test-gateway';

/** The public origin the gateway names in its links, as behind a TLS-terminating proxy (the Graph client follows https links only). */
const PUBLIC_ORIGIN = 'https://graph.loopback.test';

/** The last middleware of the client's chain: sends each request to the loopback port instead of the public origin. */
class LoopbackHandler implements Middleware {
  readonly authorizations: (string | null)[] = [];
  constructor(private readonly origin: string) {}
  async execute(context: Context): Promise<void> {
    const url = String(context.request);
    if (!url.startsWith(PUBLIC_ORIGIN)) throw new Error(`the client asked for ${url}, outside the gateway`);
    const headers = new Headers(context.options?.headers as ConstructorParameters<typeof Headers>[0]);
    this.authorizations.push(headers.get('authorization'));
    context.response = await fetch(`${this.origin}${url.slice(PUBLIC_ORIGIN.length)}`, { ...(context.options as RequestInit), headers });
  }
}

/** A custom provider, as an app with its own token source configures the client. */
class StaticTokenProvider implements AuthenticationProvider {
  readonly tokens: string[] = [];
  async getAccessToken(): Promise<string> {
    this.tokens.push('issued');
    return 'test-token';
  }
}

for (const deletable of [false, true]) describe(`the Graph JS client walks delta rounds with PageIterator${deletable ? ', tombstones included' : ''}`, function () {
  this.timeout(30_000);
  let gateway: TestGateway;
  let server: Server;
  let loopback: LoopbackHandler;
  let client: Client;
  const provider = new StaticTokenProvider();
  const created: string[] = [];
  const create = async (userId: string) => {
    created.push((await request(gateway.app).post(EVENTS).send({ userId, requestType: 'Assign' }).expect(201)).body.id);
  };
  /** Every entity of one round, through PageIterator, and the deltaLink it yields at the end. */
  const walk = async (first: PageCollection) => {
    const seen: Record<string, unknown>[] = [];
    const iterator = new PageIterator(client, first, (entity) => { seen.push(entity); return true; }, { headers: { Prefer: 'odata.maxpagesize=2' } });
    await iterator.iterate();
    expect(iterator.isComplete()).to.equal(true);
    return { seen, deltaLink: iterator.getDeltaLink() };
  };

  before(async () => {
    const directory = temporaryDirectory();
    const csdl: Record<string, string> = deletable ? { CSDL_FILE: writeVariantCsdl(directory, withDeletableSet) } : {};
    gateway = await startTestGateway({ directory, env: { PUBLIC_URL: PUBLIC_ORIGIN, ...csdl } });
    server = createServer(gateway.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    loopback = new LoopbackHandler(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const authentication = new AuthenticationHandler(provider);
    authentication.setNext(loopback);
    client = Client.initWithMiddleware({
      middleware: authentication, baseUrl: `${PUBLIC_ORIGIN}/`, defaultVersion: 'beta', customHosts: new Set([new URL(PUBLIC_ORIGIN).hostname]),
    });
    for (let index = 0; index < 5; index += 1) await create(`user-${index}`);
  });
  after(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await gateway?.dispose();
  });

  it('iterates the initial round across pages and yields the deltaLink; a later round returns only the new events', async () => {
    const first = await client.api('/privilegedOperationEvents/microsoft.graph.delta()').header('Prefer', 'odata.maxpagesize=2')
      .select(['id', 'userId']).get() as PageCollection;
    expect(first['@odata.nextLink'], 'the first page of five events at two per page').to.be.a('string');
    const initial = await walk(first);
    expect(initial.seen.map((entity) => entity.id).sort()).to.deep.equal([...created].sort());
    expect(initial.seen.every((entity) => Object.keys(entity).sort().join() === 'id,userId')).to.equal(true);
    expect(initial.deltaLink).to.match(/\/beta\/privilegedOperationEvents\/delta\?\$deltatoken=/);

    const before = created.length;
    await create('later-1');
    await create('later-2');
    await create('later-3');
    if (deletable) await request(gateway.app).delete(`${EVENTS}('${created[0]}')`).expect(204);
    const round = await walk(await client.api(initial.deltaLink!).get() as PageCollection);
    const removed = round.seen.filter((entity) => '@removed' in entity);
    const present = round.seen.filter((entity) => !('@removed' in entity));
    expect(present.map((entity) => entity.id).sort()).to.deep.equal(created.slice(before).sort());
    expect(present.every((entity) => Object.keys(entity).sort().join() === 'id,userId'), '$select kept').to.equal(true);
    expect(removed).to.deep.equal(deletable ? [{ id: created[0], '@removed': { reason: 'deleted' } }] : []);
    const empty = await client.api(round.deltaLink!).get() as PageCollection;
    expect(empty.value).to.deep.equal([]);
    expect(provider.tokens.length, 'the custom provider was asked for every request').to.equal(loopback.authorizations.length);
    expect(new Set(loopback.authorizations)).to.deep.equal(new Set(['Bearer test-token']));
  });
});
