// $batch decides 401/403 per inner request with the outer request's token, through the real bearer strategy, exactly as
// the request alone; nothing is written for a refused inner request.
import { expect } from 'chai';
import request from 'supertest';
import type { JWTPayload } from 'jose';
import { createSigningKey, startIdentityProvider, type IdentityProvider, type SigningKey } from '../support/auth-identity-provider';
import { startAuthGateway, type AuthTestGateway } from '../support/auth-gateway';
import { ACCESS_REVIEWS_APP_ID, CREATOR_ROLE, OTHER_APP_ID, READER_APP_ID, READER_ROLE, TENANT_ID, appOnlyClaims, signToken } from '../support/auth-tokens';
import { batchBody, readAnswer, sendMultipart, type HttpAnswer } from '../support/multipart-batch';
import { EVENTS, SEED_EVENT, TEST_ENGINES } from '../support/test-gateway';

interface InnerResponse { id: string; status: number; headers: Record<string, string>; body: { error?: { code: string } } }

describe('who may do what inside a $batch', () => {
  let provider: IdentityProvider;
  let key: SigningKey;
  let gateway: AuthTestGateway;
  const requests = [
    { id: 'create', method: 'POST', url: '/privilegedOperationEvents', headers: { 'Content-Type': 'application/json' }, body: SEED_EVENT },
    { id: 'read', method: 'GET', url: '/privilegedOperationEvents?$top=1' },
    { id: 'metadata', method: 'GET', url: '/$metadata' },
  ];
  before(async () => {
    key = await createSigningKey('tenant-key-1');
    provider = await startIdentityProvider(TENANT_ID, [key]);
    gateway = await startAuthGateway(provider);
  });
  after(async () => {
    await gateway.dispose();
    await provider.close();
  });

  const bearer = async (claims: JWTPayload) => `Bearer ${await signToken(key, claims)}`;

  /** The batch's statuses by id, each checked against the same request sent alone with the same Authorization. */
  async function batchAs(authorization: string | undefined): Promise<Map<string, InnerResponse>> {
    const rows = await gateway.countEvents();
    const alone: number[] = [];
    for (const inner of requests) {
      let test = request(gateway.app)[inner.method === 'POST' ? 'post' : 'get'](`/beta${inner.url}`);
      if (authorization) test = test.set('Authorization', authorization);
      const response = inner.body ? await test.send(inner.body) : await test;
      alone.push(response.status);
    }
    const afterAlone = await gateway.countEvents();
    let test = request(gateway.app).post('/beta/$batch');
    if (authorization) test = test.set('Authorization', authorization);
    const response = await test.send({ requests }).expect(200);
    const inner = new Map((response.body.responses as InnerResponse[]).map((item) => [item.id, item]));
    expect(requests.map((item) => inner.get(item.id)!.status), 'each as the request alone').to.deep.equal(alone);
    expect(await gateway.countEvents() - afterAlone, 'rows the batch wrote').to.equal(afterAlone - rows);
    return inner;
  }

  it('answers 401 with WWW-Authenticate to each data request of a batch without a token; $metadata stays public', async () => {
    const inner = await batchAs(undefined);
    for (const id of ['create', 'read']) {
      expect(inner.get(id)!.status).to.equal(401);
      expect(inner.get(id)!.body.error!.code).to.equal('InvalidAuthenticationToken');
      expect(inner.get(id)!.headers['WWW-Authenticate']).to.match(/^Bearer /);
    }
    expect(inner.get('metadata')!.status).to.equal(200);
  });

  it('answers 401 to each data request under an invalid token', async () => {
    const inner = await batchAs('Bearer not.a.token');
    expect([inner.get('create')!.status, inner.get('read')!.status]).to.deep.equal([401, 401]);
  });

  it('answers 403 to the create of a reader and 200 to its read', async () => {
    const inner = await batchAs(await bearer(appOnlyClaims(READER_APP_ID, [READER_ROLE])));
    expect(inner.get('create')!.status).to.equal(403);
    expect(inner.get('create')!.body.error!.code).to.equal('accessDenied');
    expect(inner.get('read')!.status).to.equal(200);
  });

  it('answers 403 to a caller that is not the Access Reviews service, even with the creator role', async () => {
    const inner = await batchAs(await bearer(appOnlyClaims(OTHER_APP_ID, [CREATOR_ROLE])));
    expect(inner.get('create')!.status).to.equal(403);
  });

  it('lets the Access Reviews service create inside a batch', async () => {
    const inner = await batchAs(await bearer(appOnlyClaims(ACCESS_REVIEWS_APP_ID, [CREATOR_ROLE, READER_ROLE])));
    expect(inner.get('create')!.status).to.equal(201);
    expect(inner.get('read')!.status).to.equal(200);
  });

  it('uses the outer Authorization header, never one written inside the batch', async () => {
    const creator = await bearer(appOnlyClaims(ACCESS_REVIEWS_APP_ID, [CREATOR_ROLE]));
    const rows = await gateway.countEvents();
    const response = await request(gateway.app).post('/beta/$batch')
      .send({ requests: [{ ...requests[0], headers: { 'Content-Type': 'application/json', Authorization: creator } }] }).expect(200);
    expect(response.body.responses[0].status).to.equal(401);
    expect(await gateway.countEvents()).to.equal(rows);
  });

  it('authorizes each part of a multipart batch with the outer token: a reader\'s change set is refused whole (403), the creator\'s applied', async () => {
    const create = (contentId: string) => ({ method: 'POST', url: 'privilegedOperationEvents', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(SEED_EVENT), contentId });
    const body = batchBody([{ changeSet: [create('1'), create('2')] }, { method: 'GET', url: 'privilegedOperationEvents?$top=1' }]);
    const send = async (claims: JWTPayload) => {
      const response = await sendMultipart(gateway.app, body, { Authorization: await bearer(claims), Prefer: 'continue-on-error' });
      expect(response.status).to.equal(200);
      return readAnswer(response.headers['content-type'], response.body);
    };
    const rows = await gateway.countEvents();
    const [refused, read] = await send(appOnlyClaims(READER_APP_ID, [READER_ROLE])) as HttpAnswer[];
    expect([refused!.contentId, refused!.status, read!.status]).to.deep.equal(['1', 403, 200]);
    expect(await gateway.countEvents(), 'nothing of the refused change set').to.equal(rows);
    const [applied] = await send(appOnlyClaims(ACCESS_REVIEWS_APP_ID, [CREATOR_ROLE, READER_ROLE]));
    expect((applied as { changeSet: HttpAnswer[] }).changeSet.map((answer) => answer.status)).to.deep.equal([201, 201]);
    expect(await gateway.countEvents()).to.equal(rows + 2);
  });
});

for (const engine of TEST_ENGINES) describe(`a refused request in an atomicity group, real tokens, on ${engine}`, () => {
  let provider: IdentityProvider;
  let key: SigningKey;
  let gateway: AuthTestGateway;
  const create = { method: 'POST', url: '/privilegedOperationEvents', headers: { 'Content-Type': 'application/json' }, body: SEED_EVENT };
  before(async function () {
    key = await createSigningKey('tenant-key-1');
    provider = await startIdentityProvider(TENANT_ID, [key]);
    gateway = await startAuthGateway(provider, { engine, skip: () => this.skip() });
  });
  after(async () => {
    await gateway?.dispose();
    await provider?.close();
  });

  it('rolls back the group when its last request is refused 403: the creator\'s creates leave no row', async () => {
    const creatorOnly = `Bearer ${await signToken(key, appOnlyClaims(ACCESS_REVIEWS_APP_ID, [CREATOR_ROLE]))}`;
    const alone = await request(gateway.app).get(`${EVENTS}?$top=1`).set('Authorization', creatorOnly);
    expect(alone.status, 'the creator role alone may not read').to.equal(403);
    const rows = await gateway.countEvents();
    const group = [{ ...create, id: 'c1' }, { ...create, id: 'c2' }, { id: 'read', method: 'GET', url: '/privilegedOperationEvents?$top=1' }]
      .map((item) => ({ ...item, atomicityGroup: 'g' }));
    const response = await request(gateway.app).post('/beta/$batch').set('Authorization', creatorOnly).send({ requests: group }).expect(200);
    const inner = response.body.responses as InnerResponse[];
    expect(inner.map((item) => [item.id, item.status])).to.deep.equal([['c1', 424], ['c2', 424], ['read', 403]]);
    expect(inner[2]!.body.error!.code).to.equal('accessDenied');
    expect(await gateway.countEvents(), 'no row of the group').to.equal(rows);
  });
});
