// The access policy is derived from the CSDL at start-up: contradictions with the configuration stop it, gaps are logged.
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { createAccessPolicy } from '../../src/auth/create-access-policy';
import { developmentClaims } from '../../src/auth/development-token';
import { DEVELOPMENT_IDENTITY } from '../../src/config/auth-config';
import { ConfigError, loadConfig } from '../../src/config/gateway-config';
import { createLogger } from '../../src/log/logger';
import { readCsdl } from '../../src/model/read-csdl';
import { readShippedModel, readVariantModel } from '../metadata/csdl-variants';
import { temporaryDirectory, writeCsdlFixture } from '../support/test-gateway';

const TENANT = { AUTH_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47', AUTH_AUDIENCES: 'api://events', AUTH_DISCOVERY_URL: 'http://127.0.0.1:9/discovery' };
const CREATOR_APP = { AUTH_CREATOR_APP_IDS: 'a1b2c3d4-0000-4000-8000-000000000001' };

async function problemsOf(env: Record<string, string>, model = readShippedModel()): Promise<readonly string[]> {
  try {
    await createAccessPolicy(loadConfig(env), model, { logger: createLogger('silent') });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('the access policy at start-up', () => {
  it('requires AUTH_CREATOR_APP_IDS when the CSDL marks a scope ConfiguredApplicationsOnly', async () => {
    const problems = await problemsOf(TENANT);
    expect(problems).to.have.length(1);
    expect(problems[0]).to.match(/^AUTH_CREATOR_APP_IDS is required: the CSDL marks privilegedOperationEvents create PrivilegedOperationEvent\.Create ConfiguredApplicationsOnly/);
  });

  it('refuses AUTH_CREATOR_APP_IDS when no scope of the CSDL is marked, as it would restrict nothing', async () => {
    const untagged = readVariantModel(['<Annotation Term="GatewayAuth.ConfiguredApplicationsOnly"/>', '']);
    const problems = await problemsOf({ ...TENANT, ...CREATOR_APP }, untagged);
    expect(problems.map((problem) => problem.split(' (CSDL')[0])).to.deep.equal([
      'AUTH_CREATOR_APP_IDS is set, but the CSDL marks no scope ConfiguredApplicationsOnly, so it would restrict nothing',
    ]);
  });

  it('starts with the shipped CSDL and the Access Reviews app ids', async () => {
    expect(await problemsOf({ ...TENANT, ...CREATOR_APP })).to.deep.equal([]);
  });

  it('logs a warning naming the operations that are allowed but declare no permissions (refused to everyone)', async () => {
    const directory = temporaryDirectory();
    try {
      const lines: string[] = [];
      const config = loadConfig({ ...TENANT, ...CREATOR_APP, CSDL_FILE: writeCsdlFixture(directory, 'permissive-two-sets.xml') });
      await createAccessPolicy(config, readCsdl(config.csdlFile), { logger: createLogger('info', (line) => lines.push(line)) });
      const warning = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.event === 'auth.no-permissions');
      expect(warning).to.deep.include({ level: 'warn', operations: ['privilegedRoleAssignments update'] });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('development tokens for the permissions the served CSDL declares', () => {
  const model = readShippedModel();

  it('--as access-reviews: an app-only token of the Access Reviews app id with the ConfiguredApplicationsOnly roles', () => {
    expect(developmentClaims(model, { as: 'access-reviews' })).to.deep.include({
      azp: DEVELOPMENT_IDENTITY.accessReviewsAppId, idtyp: 'app', roles: ['PrivilegedOperationEvent.Create'],
    });
  });

  it('--all-roles: every app role the permissions name, e.g. for the benchmark', () => {
    expect(developmentClaims(model, { as: 'access-reviews', allRoles: true })).to.deep.include({
      azp: DEVELOPMENT_IDENTITY.accessReviewsAppId, roles: ['PrivilegedOperationEvent.Read.All', 'PrivilegedOperationEvent.Create'],
    });
  });

  it('--as reader: an app-only token of the reader app with the read app roles', () => {
    expect(developmentClaims(model, { as: 'reader' })).to.deep.include({
      azp: DEVELOPMENT_IDENTITY.readerAppId, idtyp: 'app', roles: ['PrivilegedOperationEvent.Read.All'],
    });
  });

  it('--scope with --wids by name or id: a signed-in user token with scp and wids', () => {
    const claims = developmentClaims(model, { scopes: ['Directory.AccessAsUser.All'], wids: ['Security Reader', 'E8611AB8-C189-46E8-94E1-60213AB1F814'] });
    expect(claims).to.deep.include({ idtyp: 'user', scp: 'Directory.AccessAsUser.All', wids: ['5d6b6bb7-de71-4623-b4af-96380a352509', 'e8611ab8-c189-46e8-94e1-60213ab1f814'] });
    expect(claims).to.not.have.property('roles');
  });

  it('refuses names the CSDL does not declare, listing those it does', () => {
    expect(() => developmentClaims(model, { roles: ['Events.Write'] })).to.throw(
      '--role Events.Write: the CSDL\'s permissions name no such app role (declared: PrivilegedOperationEvent.Read.All, PrivilegedOperationEvent.Create)');
    expect(() => developmentClaims(model, { scopes: ['PrivilegedOperationEvent.Read.All'] })).to.throw(/no such delegated scope \(declared: Directory\.AccessAsUser\.All\)/);
    expect(() => developmentClaims(model, { scopes: ['Directory.AccessAsUser.All'], wids: ['Directory Readers'] })).to.throw(/no permission of the CSDL requires this directory role/);
  });

  it('refuses --role with --scope; --wids alone adds directory roles to the reader app token', () => {
    expect(developmentClaims(model, { wids: ['Security Reader'] })).to.deep.include({
      idtyp: 'app', roles: ['PrivilegedOperationEvent.Read.All'], wids: ['5d6b6bb7-de71-4623-b4af-96380a352509'],
    });
    expect(() => developmentClaims(model, { roles: ['PrivilegedOperationEvent.Read.All'], scopes: ['Directory.AccessAsUser.All'] })).to.throw(/give one of them/);
  });
});
