// The Kiota-based Graph SDK core (@microsoft/msgraph-sdk-core) batches 45 requests with BatchRequestContentCollection,
// which splits them into three $batch requests of at most 20, against the loopback gateway.
// Reads only: msgraph-sdk-core 1.0.0-preview.17 drops every step's headers (convertRequestInformationToBatchItem never
// copies them), so a step with a body arrives without the Content-Type Graph's batching requires (→ 400).
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { EVENTS, SEED_EVENT, startTestGateway, type TestGateway } from '../support/test-gateway';

/* eslint-disable @typescript-eslint/no-require-imports -- ESM-only packages, loaded through Node's require(esm) */
interface RequestInformation { pathParameters: Record<string, unknown> }
const abstractions = require('@microsoft/kiota-abstractions') as {
  AnonymousAuthenticationProvider: new () => unknown;
  RequestInformation: new (method: string, urlTemplate: string) => RequestInformation;
  HttpMethod: { GET: string };
};
const { DefaultRequestAdapter } = require('@microsoft/kiota-bundle') as { DefaultRequestAdapter: new (auth: unknown) => { baseUrl: string } };
const core = require('@microsoft/msgraph-sdk-core') as {
  BatchRequestContentCollection: new (adapter: unknown, errorMappings: object, limit: number) => {
    addBatchRequest(info: RequestInformation): { id: string };
    postAsync(): Promise<{ getResponsesStatusCodes(): Promise<Map<string, number>> } | undefined>;
  };
};

describe('the Kiota-based Graph SDK core splits 45 requests into three batches', function () {
  this.timeout(30_000);
  let gateway: TestGateway;
  let server: Server;
  let seeded: string;
  const batchPosts: string[] = [];
  before(async () => {
    gateway = await startTestGateway();
    seeded = (await request(gateway.app).post(EVENTS).send(SEED_EVENT).expect(201)).body.id;
    server = createServer((req, res) => {
      if (req.method === 'POST') batchPosts.push(String(req.url));
      gateway.app(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await gateway?.dispose();
  });

  it('posts three batches and gets every one of the 45 answers', async () => {
    const adapter = new DefaultRequestAdapter(new abstractions.AnonymousAuthenticationProvider());
    adapter.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/beta`;
    const collection = new core.BatchRequestContentCollection(adapter, {}, 20);
    const paths = ['/privilegedOperationEvents/$count', `/privilegedOperationEvents('${seeded}')`, "/privilegedOperationEvents('missing')"];
    const ids = Array.from({ length: 45 }, (_, index) => {
      const info = new abstractions.RequestInformation(abstractions.HttpMethod.GET, `{+baseurl}${paths[index % 3]}`);
      return { id: collection.addBatchRequest(info).id, expected: [200, 200, 404][index % 3] };
    });
    const statuses = await (await collection.postAsync())!.getResponsesStatusCodes();
    expect(batchPosts).to.deep.equal(['/beta/$batch', '/beta/$batch', '/beta/$batch']);
    expect(ids.map(({ id }) => statuses.get(id))).to.deep.equal(ids.map(({ expected }) => expected));
  });
});
