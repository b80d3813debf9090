// The two events every claim check reads, a gateway holding them, and the request helpers the checks share.
import { expect } from 'chai';
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { startAuthGateway } from '../support/auth-gateway';
import { createSigningKey, startIdentityProvider } from '../support/auth-identity-provider';
import { TENANT_ID, signToken } from '../support/auth-tokens';
import type { ClaimContext } from './claims';
import { EVENTS, PUBLIC_URL, startTestGateway, type TestEngine, type TestGateway, type TestGatewayOptions } from '../support/test-gateway';

/** Alice's event matches every $filter and $search example of the checks; Bob's matches none of them. */
export const ALICE = Object.freeze({
  requestType: 'Assign', userName: 'Alice Admin', roleName: 'Global Administrator', referenceKey: '  padded  ',
  creationDateTime: '2017-06-25T07:00:00.5Z', expirationDateTime: '2099-01-01T00:00:00Z',
});
export const BOB = Object.freeze({
  requestType: 'Activate', userName: 'Bob Reader', roleName: 'Security Reader', referenceKey: 'plain',
  creationDateTime: '2016-01-02T03:04:05Z', expirationDateTime: '2000-01-01T00:00:00Z',
});

export interface ClaimGateway extends ClaimContext {
  readonly gateway: TestGateway;
}

export async function startClaimGateway(engine: TestEngine, options: TestGatewayOptions = {}): Promise<ClaimGateway> {
  const gateway = await startTestGateway({ ...options, engine });
  const create = async (event: object) => (await request(gateway.app).post(EVENTS).send(event).expect(201)).body.id as string;
  const alice = await create(ALICE);
  const bob = await create(BOB);
  return { gateway, app: gateway.app, model: gateway.model, entitySet: gateway.events, alice, bob };
}

/** `pathAndQuery` below /beta/privilegedOperationEvents (e.g. `?$top=1`, `/$count`), or from /beta on. */
export const get = (context: ClaimContext, pathAndQuery: string, headers: Readonly<Record<string, string>> = {}) =>
  request(context.app).get(pathAndQuery.startsWith('/beta') ? pathAndQuery : `${EVENTS}${pathAndQuery}`).set(headers);

/** GET of an absolute link the service sent, e.g. @odata.nextLink (built from PUBLIC_URL). */
export function follow(context: ClaimContext, link: string, headers: Readonly<Record<string, string>> = {}) {
  expect(link.startsWith(`${PUBLIC_URL}/`), link).to.equal(true);
  return get(context, link.slice(PUBLIC_URL.length), headers);
}

/** GET on the collection with the query; the ids it answers, in order. */
export async function idsOf(context: ClaimContext, query: string): Promise<string[]> {
  const response = await get(context, `?${query}`);
  expect(response.status, `${query}: ${response.text}`).to.equal(200);
  return (response.body.value as { id: string }[]).map((entity) => entity.id);
}

/** The ids as they sort by the key, which is the service's default order. */
export const byKey = (...ids: readonly string[]) => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** A claim gateway with the real bearer policy against a local identity provider; Alice and Bob written through the store. */
export async function startGuardedClaimGateway(engine: TestEngine, skip: () => never): Promise<ClaimGateway & { close(): Promise<void> }> {
  const key = await createSigningKey('claims-key');
  const provider = await startIdentityProvider(TENANT_ID, [key]);
  const gateway = await startAuthGateway(provider, { engine, skip });
  const insert = async (event: object) => String((await gateway.store.insert(gateway.events, { ...event, id: randomUUID() })).id);
  const alice = await insert(ALICE);
  const bob = await insert(BOB);
  return {
    gateway, app: gateway.app, model: gateway.model, entitySet: gateway.events, alice, bob,
    guarded: { sign: (claims) => signToken(key, claims), fresh: () => insert({ userName: 'fresh' }) },
    close: async () => { await gateway.dispose(); await provider.close(); },
  };
}
