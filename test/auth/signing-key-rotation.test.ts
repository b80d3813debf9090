// Key rotation: a newly published signing key is trusted without a restart; unknown kids refetch the JWKS at most once per cooldown.
import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { createSigningKey, startIdentityProvider, type IdentityProvider, type SigningKey } from '../support/auth-identity-provider';
import { startAuthGateway, type AuthTestGateway } from '../support/auth-gateway';
import { ACCESS_REVIEWS_APP_ID, CREATOR_ROLE, TENANT_ID, appOnlyClaims, signToken } from '../support/auth-tokens';
import { EVENTS, SEED_EVENT } from '../support/test-gateway';

describe('signing key rotation', () => {
  let provider: IdentityProvider;
  let first: SigningKey;
  const gateways: AuthTestGateway[] = [];
  before(async () => {
    first = await createSigningKey('rotation-key-1');
    provider = await startIdentityProvider(TENANT_ID, [first]);
  });
  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((gateway) => gateway.dispose()));
    provider.published = [first];
  });
  after(async () => { await provider.close(); });

  const start = async (keyRefetchCooldownMs?: number) => {
    const gateway = await startAuthGateway(provider, { keyRefetchCooldownMs });
    gateways.push(gateway);
    return gateway;
  };
  const create = async (gateway: AuthTestGateway, key: SigningKey) => request(gateway.app).post(EVENTS)
    .set('Authorization', `Bearer ${await signToken(key, appOnlyClaims(ACCESS_REVIEWS_APP_ID, [CREATOR_ROLE]))}`)
    .send(SEED_EVENT);

  it('accepts a token signed with a key published after start-up, without a restart', async () => {
    const gateway = await start(100);
    expect((await create(gateway, first)).status).to.equal(201);
    const second = await createSigningKey('rotation-key-2');
    provider.published = [second];
    await sleep(150);
    expect((await create(gateway, second)).status).to.equal(201);
  });

  it('answers 401 to unknown kids without refetching the JWKS within the cooldown', async () => {
    const gateway = await start();
    await create(gateway, first);
    const fetched = provider.jwksRequests;
    const stranger = await createSigningKey('unknown-kid');
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await create(gateway, stranger)).status).to.equal(401);
    expect(provider.jwksRequests).to.equal(fetched);
  });
});
