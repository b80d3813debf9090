// Delta query is a read of the set: the same bearer rules, through the real strategy, for the first request and for its links.
import { expect } from 'chai';
import request from 'supertest';
import type { JWTPayload } from 'jose';
import { createSigningKey, startIdentityProvider, type IdentityProvider, type SigningKey } from '../support/auth-identity-provider';
import { startAuthGateway, type AuthTestGateway } from '../support/auth-gateway';
import {
  ACCESS_REVIEWS_APP_ID, CREATOR_ROLE, DIRECTORY_ROLES, READER_APP_ID, READER_ROLE, READER_SCOPE, TENANT_ID, appOnlyClaims, delegatedClaims,
  signToken,
} from '../support/auth-tokens';
import { expectGraphError } from '../support/graph-assertions';
import { EVENTS, PUBLIC_URL, SEED_EVENT } from '../support/test-gateway';

describe('who may use delta query on privilegedOperationEvents', () => {
  let provider: IdentityProvider;
  let key: SigningKey;
  let gateway: AuthTestGateway;
  let deltaLink: string;
  before(async () => {
    key = await createSigningKey('tenant-key-1');
    provider = await startIdentityProvider(TENANT_ID, [key]);
    gateway = await startAuthGateway(provider);
    await request(gateway.app).post(EVENTS).set('Authorization', await bearer(appOnlyClaims(ACCESS_REVIEWS_APP_ID, [CREATOR_ROLE]))).send(SEED_EVENT).expect(201);
    const first = await request(gateway.app).get(`${EVENTS}/delta`).set('Authorization', await bearer(appOnlyClaims(READER_APP_ID, [READER_ROLE])));
    expect(first.status).to.equal(200);
    deltaLink = first.body['@odata.deltaLink'].slice(PUBLIC_URL.length);
  });
  after(async () => {
    await gateway.dispose();
    await provider.close();
  });

  async function bearer(claims: JWTPayload) {
    return `Bearer ${await signToken(key, claims)}`;
  }

  it('lets readers (the app role, or the delegated scope with a directory role) read the initial round and the deltaLink', async () => {
    const readers = [appOnlyClaims(READER_APP_ID, [READER_ROLE]), delegatedClaims(READER_APP_ID, [READER_SCOPE], [], [DIRECTORY_ROLES.securityReader])];
    for (const claims of readers) {
      for (const path of [`${EVENTS}/delta`, `${EVENTS}/microsoft.graph.delta()`, deltaLink]) {
        expect((await request(gateway.app).get(path).set('Authorization', await bearer(claims))).status, path).to.equal(200);
      }
    }
  });

  it('answers 401 without a token and 403 without a reader role, a scope without a directory role, or the create role alone, on the function and on its links', async () => {
    for (const path of [`${EVENTS}/delta`, deltaLink]) {
      expectGraphError(await request(gateway.app).get(path), 401, 'InvalidAuthenticationToken');
      for (const claims of [
        delegatedClaims(READER_APP_ID, ['User.Read']), delegatedClaims(READER_APP_ID, [READER_SCOPE]), appOnlyClaims(ACCESS_REVIEWS_APP_ID, [CREATOR_ROLE]),
      ]) {
        expectGraphError(await request(gateway.app).get(path).set('Authorization', await bearer(claims)), 403, 'accessDenied');
      }
    }
  });
});
