// Bearer authentication of data requests: every kind of bad token is a 401 that writes nothing (RFC 6750 §3.1).
import { expect } from 'chai';
import request from 'supertest';
import { createSigningKey, startIdentityProvider, type IdentityProvider, type SigningKey } from '../support/auth-identity-provider';
import { startAuthGateway, type AuthTestGateway } from '../support/auth-gateway';
import {
  ACCESS_REVIEWS_APP_ID, CREATOR_ROLE, TENANT_ID, appOnlyClaims, hs256Token, signToken, unsignedToken,
} from '../support/auth-tokens';
import { expectGraphError } from '../support/graph-assertions';
import { EVENTS, PUBLIC_URL, SEED_EVENT } from '../support/test-gateway';

describe('POST /beta/privilegedOperationEvents with a bearer token', () => {
  let provider: IdentityProvider;
  let key: SigningKey;
  let gateway: AuthTestGateway;
  before(async () => {
    key = await createSigningKey('tenant-key-1');
    provider = await startIdentityProvider(TENANT_ID, [key]);
    gateway = await startAuthGateway(provider);
  });
  after(async () => {
    await gateway.dispose();
    await provider.close();
  });

  const creator = () => appOnlyClaims(ACCESS_REVIEWS_APP_ID, [CREATOR_ROLE]);
  const post = (authorization?: string) => {
    const req = request(gateway.app).post(EVENTS).send(SEED_EVENT);
    return authorization === undefined ? req : req.set('Authorization', authorization);
  };

  const EMPTY = 'Access token is empty.';
  const INVALID = 'Access token validation failure.';
  const refused: ReadonlyArray<readonly [string, string, () => Promise<string | undefined>]> = [
    ['no Authorization header', EMPTY, async () => undefined],
    ['a Basic Authorization header', EMPTY, async () => 'Basic YWRtaW46YWRtaW4='],
    ['a bearer value that is not a token', INVALID, async () => 'Bearer not a token!'],
    ['a malformed token', INVALID, async () => 'Bearer eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24'],
    ['an expired token', 'Lifetime validation failed, the token is expired.',
      async () => `Bearer ${await signToken(key, creator(), { expiresIn: -600 })}`],
    ['a token that is not valid yet', 'Lifetime validation failed, the token is not yet valid.',
      async () => `Bearer ${await signToken(key, creator(), { notBefore: 600 })}`],
    ['a token without an expiry', INVALID, async () => `Bearer ${await signToken(key, creator(), { withoutExpiry: true })}`],
    ['a token for another audience', 'Invalid audience.',
      async () => `Bearer ${await signToken(key, { ...creator(), aud: 'api://another-api' })}`],
    ['a token from another issuer', 'Invalid issuer.', async () => `Bearer ${await signToken(key, {
      ...creator(), iss: 'https://login.microsoftonline.com/0badc0de-0000-4000-8000-000000000000/v2.0',
    })}`],
    ['a token signed with a key the tenant does not publish', `${INVALID} Invalid signature.`, async () => {
      const impostor = await createSigningKey(key.kid);
      return `Bearer ${await signToken(impostor, creator())}`;
    }],
    ['an unsigned token (alg none)', INVALID, async () => `Bearer ${unsignedToken(creator())}`],
    ['an HS256 token keyed with the published RSA key', INVALID, async () => `Bearer ${await hs256Token(key, creator())}`],
  ];

  for (const [name, message, authorization] of refused) {
    it(`answers 401 InvalidAuthenticationToken to ${name} and writes nothing`, async () => {
      const before = await gateway.countEvents();
      const error = expectGraphError(await post(await authorization()), 401, 'InvalidAuthenticationToken');
      expect(error.message).to.equal(message);
      expect(await gateway.countEvents()).to.equal(before);
    });
  }

  it('challenges a request without a token with the realm only', async () => {
    const response = await post();
    expect(response.headers['www-authenticate']).to.equal(`Bearer realm="${PUBLIC_URL}"`);
  });

  it('challenges a rejected token with error="invalid_token" and no detail', async () => {
    const response = await post(`Bearer ${await signToken(key, creator(), { expiresIn: -600 })}`);
    expect(response.headers['www-authenticate']).to.equal(`Bearer realm="${PUBLIC_URL}", error="invalid_token"`);
  });

  it('creates the event for a v2 token of the Access Reviews app with the creator role', async () => {
    const before = await gateway.countEvents();
    await post(`Bearer ${await signToken(key, creator())}`).expect(201);
    expect(await gateway.countEvents()).to.equal(before + 1);
  });

  it('creates the event for a v1 token (appid, sts.windows.net issuer, App ID URI audience)', async () => {
    const v1 = appOnlyClaims(ACCESS_REVIEWS_APP_ID, [CREATOR_ROLE], 'v1');
    await post(`Bearer ${await signToken(key, v1)}`).expect(201);
  });

  it('accepts a token that expired less than the allowed clock skew ago', async () => {
    await post(`Bearer ${await signToken(key, creator(), { expiresIn: -20 })}`).expect(201);
  });

  it('answers 401, not 400, to an anonymous create with a malformed body: the body is read after authentication', async () => {
    const response = await request(gateway.app).post(EVENTS).set('Content-Type', 'application/json').send('{"broken":');
    expectGraphError(response, 401, 'InvalidAuthenticationToken');
  });

  it('answers 401 to reading an event without a token', async () => {
    const response = await request(gateway.app).get(`${EVENTS}('00000000-0000-0000-0000-000000000000')`);
    expectGraphError(response, 401, 'InvalidAuthenticationToken');
  });
});
