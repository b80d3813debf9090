// Authentication configuration: development mode without a tenant, values derived from a tenant, every problem listed.
import { expect } from 'chai';
import { resolve } from 'node:path';
import { DEVELOPMENT_IDENTITY } from '../../src/config/auth-config';
import { ConfigError, loadConfig } from '../../src/config/gateway-config';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const TENANT = { AUTH_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47', AUTH_AUDIENCES: 'api://events', AUTH_CREATOR_APP_IDS: 'a1b2c3d4-0000-4000-8000-000000000001' };

describe('authentication configuration', () => {
  it('runs in development mode with the documented fixed identities when no tenant is set', () => {
    expect(loadConfig({}).auth).to.deep.equal({
      mode: 'development', tenantId: DEVELOPMENT_IDENTITY.tenantId, audiences: [DEVELOPMENT_IDENTITY.audience],
      issuers: [`https://login.microsoftonline.com/${DEVELOPMENT_IDENTITY.tenantId}/v2.0`],
      keyFile: resolve('data/dev-signing-key.json'),
      rules: { creatorAppIds: [DEVELOPMENT_IDENTITY.accessReviewsAppId] },
    });
  });

  it('derives the v2 discovery URL and the v1 and v2 issuers from AUTH_TENANT_ID', () => {
    const { auth } = loadConfig(TENANT);
    expect(auth).to.deep.include({
      mode: 'tenant',
      discoveryUrl: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0/.well-known/openid-configuration',
      issuers: ['https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/', 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0'],
    });
  });

  it('trusts only the issuer versions AUTH_ISSUER_VERSIONS names', () => {
    expect(loadConfig({ ...TENANT, AUTH_ISSUER_VERSIONS: 'v2' }).auth.issuers).to.deep.equal([
      'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0',
    ]);
  });

  it('reads lists of audiences and creator app ids separated by commas, app ids in lower case', () => {
    const { auth } = loadConfig({
      ...TENANT, AUTH_AUDIENCES: ' api://events , 9f8e7d6c-0000-4000-8000-000000000002',
      AUTH_CREATOR_APP_IDS: 'A1B2C3D4-0000-4000-8000-000000000001, a1b2c3d4-0000-4000-8000-000000000009',
    });
    expect([auth.audiences, auth.rules.creatorAppIds]).to.deep.equal([
      ['api://events', '9f8e7d6c-0000-4000-8000-000000000002'],
      ['a1b2c3d4-0000-4000-8000-000000000001', 'a1b2c3d4-0000-4000-8000-000000000009'],
    ]);
  });

  it('refuses the role and scope settings that moved into the CSDL, in either mode', () => {
    const moved = { AUTH_CREATOR_ROLE: 'X.Create', AUTH_READER_ROLES: 'X.Read.All', AUTH_READER_SCOPES: 'X.Read' };
    for (const env of [moved, { ...TENANT, ...moved }]) {
      const problems = problemsOf(env);
      expect(problems.map((problem) => problem.split(' ')[0])).to.deep.equal(['AUTH_CREATOR_ROLE', 'AUTH_READER_ROLES', 'AUTH_READER_SCOPES']);
      expect(problems[0]).to.contain('declared in the CSDL');
    }
  });

  it('allows a tenant-configured service on a non-loopback HOST', () => {
    expect(problemsOf({ ...TENANT, HOST: '0.0.0.0' })).to.deep.equal([]);
  });

  it('refuses development mode on a non-loopback HOST', () => {
    expect(problemsOf({ HOST: '0.0.0.0' })).to.have.length(1).and.satisfy((problems: string[]) => problems[0]!.startsWith('HOST'));
  });

  it('refuses tenant settings without AUTH_TENANT_ID instead of ignoring them', () => {
    const problems = problemsOf({ AUTH_AUDIENCES: 'api://events', AUTH_DISCOVERY_URL: 'https://idp.example/.well-known/openid-configuration' });
    expect(problems.map((problem) => problem.split(' ')[0])).to.deep.equal(['AUTH_AUDIENCES', 'AUTH_DISCOVERY_URL']);
  });

  it('lists every authentication problem together with the others in one ConfigError', () => {
    const problems = problemsOf({
      MAX_BODY_BYTES: '-1', AUTH_TENANT_ID: 'contoso.onmicrosoft.com', AUTH_ISSUER_VERSIONS: 'v3', AUTH_CREATOR_APP_IDS: 'access-reviews',
      AUTH_DISCOVERY_URL: 'http://idp.example/.well-known/openid-configuration',
    });
    expect(problems.map((problem) => problem.split(' ')[0])).to.have.members([
      'MAX_BODY_BYTES', 'AUTH_TENANT_ID', 'AUTH_AUDIENCES', 'AUTH_CREATOR_APP_IDS', 'AUTH_DISCOVERY_URL', 'AUTH_ISSUER_VERSIONS',
    ]);
  });
});
