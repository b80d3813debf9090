// Who may create and read: only the Access Reviews app with the creator role creates; readers and creators read.
import { expect } from 'chai';
import request from 'supertest';
import { createSigningKey, startIdentityProvider, type IdentityProvider, type SigningKey } from '../support/auth-identity-provider';
import { startAuthGateway, type AuthTestGateway } from '../support/auth-gateway';
import {
  ACCESS_REVIEWS_APP_ID, CREATOR_ROLE, OTHER_APP_ID, READER_APP_ID, READER_ROLE, READER_SCOPE, TENANT_ID, USER,
  appOnlyClaims, delegatedClaims, signToken,
} from '../support/auth-tokens';
import { expectGraphError } from '../support/graph-assertions';
import { EVENTS, PUBLIC_URL, SEED_EVENT } from '../support/test-gateway';
import type { JWTPayload } from 'jose';

describe('who may create and read privilegedOperationEvents', () => {
  let provider: IdentityProvider;
  let key: SigningKey;
  let gateway: AuthTestGateway;
  let created: Record<string, unknown>;
  const tokens: string[] = [];
  before(async () => {
    key = await createSigningKey('tenant-key-1');
    provider = await startIdentityProvider(TENANT_ID, [key]);
    gateway = await startAuthGateway(provider);
    const response = await post(appOnlyClaims(ACCESS_REVIEWS_APP_ID, [CREATOR_ROLE]));
    expect(response.status).to.equal(201);
    created = response.body;
  });
  after(async () => {
    await gateway.dispose();
    await provider.close();
  });

  const bearer = async (claims: JWTPayload) => {
    const token = await signToken(key, claims);
    tokens.push(token);
    return `Bearer ${token}`;
  };
  async function post(claims: JWTPayload) {
    return request(gateway.app).post(EVENTS).set('Authorization', await bearer(claims)).send(SEED_EVENT);
  }
  const read = async (claims: JWTPayload) =>
    request(gateway.app).get(`${EVENTS}('${created.id}')`).set('Authorization', await bearer(claims));

  async function expectRefusedCreate(claims: JWTPayload) {
    const before = await gateway.countEvents();
    expectGraphError(await post(claims), 403, 'accessDenied');
    expect(await gateway.countEvents()).to.equal(before);
  }

  it('answers 403 and writes nothing when another application holding the creator role creates', async () => {
    await expectRefusedCreate(appOnlyClaims(OTHER_APP_ID, [CREATOR_ROLE]));
  });

  it('answers 403 and writes nothing when the Access Reviews app lacks the creator role', async () => {
    await expectRefusedCreate(appOnlyClaims(ACCESS_REVIEWS_APP_ID, [READER_ROLE]));
  });

  it('answers 403 and writes nothing to a delegated token of the Access Reviews app, even with the role', async () => {
    await expectRefusedCreate(delegatedClaims(ACCESS_REVIEWS_APP_ID, [READER_SCOPE], [CREATOR_ROLE]));
  });

  it('answers 403 and writes nothing when a reader app creates', async () => {
    await expectRefusedCreate(appOnlyClaims(READER_APP_ID, [READER_ROLE]));
  });

  it('challenges a 403 with error="insufficient_scope"', async () => {
    const response = await post(appOnlyClaims(OTHER_APP_ID, [CREATOR_ROLE]));
    expect(response.headers['www-authenticate']).to.equal(`Bearer realm="${PUBLIC_URL}", error="insufficient_scope"`);
  });

  it('lets a reader app with the reader role read an event', async () => {
    expect((await read(appOnlyClaims(READER_APP_ID, [READER_ROLE]))).body).to.deep.equal(created);
  });

  it('lets a signed-in user read through a client with the reader scope', async () => {
    expect((await read(delegatedClaims(OTHER_APP_ID, ['User.Read', READER_SCOPE]))).status).to.equal(200);
  });

  it('lets the Access Reviews app read what it created', async () => {
    expect((await read(appOnlyClaims(ACCESS_REVIEWS_APP_ID, [CREATOR_ROLE]))).status).to.equal(200);
  });

  it('answers 403 to reading with neither a reader role nor a reader scope', async () => {
    expectGraphError(await read(delegatedClaims(READER_APP_ID, ['User.Read'], [READER_ROLE])), 403, 'accessDenied');
  });

  it('logs event.created with the caller app id and the new entity id', async () => {
    const line = gateway.logLines.map((text) => JSON.parse(text) as Record<string, unknown>)
      .find((entry) => entry.event === 'event.created' && entry.entityId === created.id);
    expect(line).to.include({ level: 'info', callerAppId: ACCESS_REVIEWS_APP_ID });
  });

  it('logs no token, claim value or personal data', () => {
    const log = gateway.logLines.join('\n');
    for (const secret of [...tokens, ...tokens.map((token) => token.split('.')[1]!), USER.name, USER.preferred_username, USER.oid, READER_SCOPE]) {
      expect(log).to.not.contain(secret);
    }
  });
});
