// Generative: seeded random tokens (any mix of kind, app id, roles, scopes, directory roles, malformed claims) against the
// permissive two-set CSDL; each answer must match an oracle written from that file's annotations by hand.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { JWTPayload } from 'jose';
import request from 'supertest';
import { createRandom, type Random } from '../fuzz/malformed-requests';
import { startAuthGateway, type AuthTestGateway } from '../support/auth-gateway';
import { createSigningKey, startIdentityProvider, type IdentityProvider, type SigningKey } from '../support/auth-identity-provider';
import { ACCESS_REVIEWS_APP_ID, DIRECTORY_ROLES, OTHER_APP_ID, TENANT_ID, appOnlyClaims, delegatedClaims, signToken } from '../support/auth-tokens';
import { temporaryDirectory, writeCsdlFixture } from '../support/test-gateway';

const SEED = Number(process.env.PERMISSION_FUZZ_SEED ?? 20261201);
const RUNS = 400;
const { globalAdministrator: GA, securityReader: SR, directoryReaders: DR } = DIRECTORY_ROLES;

interface Grant { readonly kind: 'app' | 'user'; readonly scope: string; readonly configuredOnly?: boolean; readonly wids?: readonly string[] }
const app = (scope: string, configuredOnly = false): Grant => ({ kind: 'app', scope, configuredOnly });
const user = (scope: string, wids?: readonly string[]): Grant => ({ kind: 'user', scope, wids });

/** test/fixtures/csdl/permissive-two-sets.xml, read by hand. */
const ORACLE: Readonly<Record<string, readonly Grant[]>> = {
  'privilegedOperationEvents read': [app('Event.Read.All'), app('Event.ReadWrite.All'), user('Event.ReadWrite')],
  'privilegedOperationEvents create': [app('Event.ReadWrite.All', true)],
  'privilegedOperationEvents update': [app('Event.ReadWrite.All'), user('Event.ReadWrite', [GA])],
  'privilegedOperationEvents delete': [app('Event.ReadWrite.All')],
  'privilegedRoleAssignments read': [user('Assignment.Read')],
  'privilegedRoleAssignments create': [app('Assignment.ReadWrite.All')],
  'privilegedRoleAssignments update': [],
  'privilegedRoleAssignments delete': [app('Assignment.ReadWrite.All')],
};
const NAMES = ['Event.ReadWrite.All', 'Event.Read.All', 'Assignment.ReadWrite.All', 'Event.ReadWrite', 'Assignment.Read', 'event.readwrite.all', 'User.Read', 'Event'];
const SETS = { privilegedOperationEvents: { userName: 'fuzz' }, privilegedRoleAssignments: { userId: 'fuzz' } } as const;
const OPERATIONS = ['read', 'create', 'update', 'delete'] as const;

interface Token { readonly kind: 'app' | 'user'; readonly appId: string; readonly names: readonly string[]; readonly wids: readonly string[]; readonly claims: JWTPayload }

function randomToken(random: Random): Token {
  const kind = random.pick(['app', 'user'] as const);
  const appId = random.pick([ACCESS_REVIEWS_APP_ID, OTHER_APP_ID, ACCESS_REVIEWS_APP_ID.toUpperCase()]);
  const names = NAMES.filter(() => random.next() < 0.25);
  const wids = [GA, SR, DR].filter(() => random.next() < 0.3);
  const claims = kind === 'app' ? { ...appOnlyClaims(appId, names), ...(wids.length ? { wids } : {}) } : delegatedClaims(appId, names, [], wids);
  const malformed = random.int(8);
  if (malformed === 0) return { kind, appId, names: [], wids, claims: { ...claims, roles: names.join(' '), scp: kind === 'app' ? undefined : 7 } };
  if (malformed === 1) return { kind, appId, names, wids: [], claims: { ...claims, wids: wids.join(',') } };
  return { kind, appId, names, wids, claims };
}

function allowed(grants: readonly Grant[], token: Token): boolean {
  return grants.some((grant) => grant.kind === token.kind && token.names.includes(grant.scope)
    && (!grant.configuredOnly || token.appId.toLowerCase() === ACCESS_REVIEWS_APP_ID)
    && (grant.wids === undefined || grant.wids.some((role) => token.wids.includes(role))));
}

describe(`permissions under random tokens (seed ${SEED}, PERMISSION_FUZZ_SEED to replay)`, () => {
  let provider: IdentityProvider;
  let key: SigningKey;
  let gateway: AuthTestGateway;
  const directory = temporaryDirectory();
  before(async () => {
    key = await createSigningKey('fuzz-key');
    provider = await startIdentityProvider(TENANT_ID, [key]);
    gateway = await startAuthGateway(provider, { env: { CSDL_FILE: writeCsdlFixture(directory, 'permissive-two-sets.xml') } });
  });
  after(async () => {
    await gateway?.dispose();
    await provider?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it(`answers ${RUNS} random requests as the annotations say, writing only what was allowed`, async () => {
    const random = createRandom(SEED);
    const mismatches: string[] = [];
    let granted = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const setName = random.pick(Object.keys(SETS) as (keyof typeof SETS)[]);
      const operation = random.pick(OPERATIONS);
      const token = randomToken(random);
      const set = gateway.model.entitySets.find((candidate) => candidate.name === setName)!;
      const id = String((await gateway.store.insert(set, { ...SETS[setName], id: randomUUID() })).id);
      const before = await gateway.store.count(set);
      const authorization = `Bearer ${await signToken(key, token.claims)}`;
      const path = `/beta/${setName}`;
      const response = await {
        read: () => request(gateway.app).get(`${path}('${id}')`),
        create: () => request(gateway.app).post(path).send(SETS[setName]),
        update: () => request(gateway.app).patch(`${path}('${id}')`).send(SETS[setName]),
        delete: () => request(gateway.app).delete(`${path}('${id}')`),
      }[operation]().set('Authorization', authorization);
      const expected = allowed(ORACLE[`${setName} ${operation}`]!, token);
      if (expected) granted += 1;
      const changed = (await gateway.store.count(set)) - before;
      const ok = expected ? response.status >= 200 && response.status < 300 : response.status === 403 && changed === 0;
      if (!ok) mismatches.push(`run ${run}: ${setName} ${operation} ${JSON.stringify({ ...token, claims: undefined })} → ${response.status}`);
    }
    expect(mismatches).to.deep.equal([]);
    // Both outcomes must be common, or the run would prove little.
    expect(granted, 'requests granted').to.be.within(RUNS / 10, RUNS - RUNS / 10);
  });
});
