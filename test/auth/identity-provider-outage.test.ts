// An identity provider that cannot be reached: 503 with Retry-After, never 500 and never "allow"; recovery without a restart.
import { expect } from 'chai';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { createSigningKey, startIdentityProvider, type IdentityProvider, type SigningKey } from '../support/auth-identity-provider';
import { startAuthGateway, type AuthTestGateway } from '../support/auth-gateway';
import { ACCESS_REVIEWS_APP_ID, CREATOR_ROLE, TENANT_ID, appOnlyClaims, signToken } from '../support/auth-tokens';
import { expectGraphError } from '../support/graph-assertions';
import { EVENTS, SEED_EVENT } from '../support/test-gateway';

/** A loopback port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('an unreachable identity provider', () => {
  let provider: IdentityProvider;
  let key: SigningKey;
  const gateways: AuthTestGateway[] = [];
  before(async () => {
    key = await createSigningKey('outage-key');
    provider = await startIdentityProvider(TENANT_ID, [key]);
  });
  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((gateway) => gateway.dispose()));
    provider.discoveryStatus = 200;
    provider.jwksStatus = 200;
  });
  after(async () => { await provider.close(); });

  const start = async (env: Record<string, string> = {}) => {
    const gateway = await startAuthGateway(provider, { env, retryAfterSeconds: 1 });
    gateways.push(gateway);
    return gateway;
  };
  const create = async (gateway: AuthTestGateway) => request(gateway.app).post(EVENTS)
    .set('Authorization', `Bearer ${await signToken(key, appOnlyClaims(ACCESS_REVIEWS_APP_ID, [CREATOR_ROLE]))}`)
    .send(SEED_EVENT);

  it('answers 503 with Retry-After and writes nothing when the discovery document is unreachable', async () => {
    const port = await closedPort();
    const gateway = await start({ AUTH_DISCOVERY_URL: `http://127.0.0.1:${port}/${TENANT_ID}/v2.0/.well-known/openid-configuration` });
    const response = await create(gateway);
    expectGraphError(response, 503, 'serviceNotAvailable');
    expect(response.headers['retry-after']).to.equal('1');
    expect(await gateway.countEvents()).to.equal(0);
  });

  it('answers 503 with Retry-After when the JWKS endpoint fails', async () => {
    provider.jwksStatus = 500;
    const response = await create(await start());
    expectGraphError(response, 503, 'serviceNotAvailable');
    expect(response.headers['retry-after']).to.equal('1');
  });

  it('logs the cause of the 503 without the token', async () => {
    provider.jwksStatus = 500;
    const gateway = await start();
    await create(gateway);
    const failure = gateway.logLines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.event === 'request.unavailable');
    expect(failure).to.include({ level: 'warn', status: 503, error: 'IdentityProviderUnavailableError' });
    expect(failure).to.not.have.property('stack');
    expect(JSON.stringify(failure)).to.not.match(/eyJ/);
  });

  it('serves again after Retry-After once the discovery document is back, without a restart', async () => {
    provider.discoveryStatus = 500;
    const gateway = await start();
    expect((await create(gateway)).status).to.equal(503);
    provider.discoveryStatus = 200;
    await sleep(1100);
    expect((await create(gateway)).status).to.equal(201);
  });
});
