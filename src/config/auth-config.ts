// Authentication configuration: an Azure AD tenant with its caller rules, or development mode when no tenant is set.
import { resolve } from 'node:path';
import { settingOf } from './settings';

export type IssuerVersion = 'v1' | 'v2';

/** The deployment's part of who may do what (the scopes and app roles per operation are in the CSDL). */
export interface AccessRules {
  /**
   * Application ids (`azp` in v2, `appid` in v1 tokens) of the Access Reviews service, lower case: the only callers
   * of scopes the CSDL marks `Gateway.Authorization.V1.ConfiguredApplicationsOnly`.
   */
  readonly creatorAppIds: readonly string[];
}

interface CommonAuthConfig {
  readonly tenantId: string;
  readonly audiences: readonly string[];
  readonly issuers: readonly string[];
  readonly rules: AccessRules;
}

/** Keys come from the tenant's JWKS, found through its OpenID discovery document. */
export interface TenantAuthConfig extends CommonAuthConfig {
  readonly mode: 'tenant';
  readonly discoveryUrl: string;
}

/** No tenant: the service signs with, and trusts only, its own key under ./data. */
export interface DevelopmentAuthConfig extends CommonAuthConfig {
  readonly mode: 'development';
  readonly keyFile: string;
}

export type AuthConfig = TenantAuthConfig | DevelopmentAuthConfig;

/** The defaults of the AUTH_* settings (their reasons are in src/config/settings.ts). */
export const AUTH_DEFAULTS = Object.freeze({
  AUTH_ISSUER_VERSIONS: settingOf('AUTH_ISSUER_VERSIONS').default!,
});

/** Settings of earlier versions whose content moved into the CSDL's Permissions; set, they stop start-up. */
const MOVED_TO_CSDL = ['AUTH_CREATOR_ROLE', 'AUTH_READER_ROLES', 'AUTH_READER_SCOPES'] as const;

export const AZURE_AD_AUTHORITY = 'https://login.microsoftonline.com';

/** Development mode's fixed identities (README "Authentication"); its tokens pass the production policy code. */
export const DEVELOPMENT_IDENTITY = Object.freeze({
  tenantId: '11111111-1111-4111-8111-111111111111',
  audience: 'api://graph-odata-gateway-dev',
  accessReviewsAppId: '22222222-2222-4222-8222-222222222222',
  readerAppId: '33333333-3333-4333-8333-333333333333',
  keyFile: 'data/dev-signing-key.json',
});

/** The variables that describe a tenant; without AUTH_TENANT_ID they would be silently ignored, so they are refused. */
const TENANT_ONLY = ['AUTH_AUDIENCES', 'AUTH_ISSUER_VERSIONS', 'AUTH_CREATOR_APP_IDS', 'AUTH_DISCOVERY_URL'] as const;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Env = Readonly<Record<string, string | undefined>>;

export function readAuthConfig(env: Env, problems: string[], host: string | undefined): AuthConfig {
  for (const name of MOVED_TO_CSDL.filter((name) => value(env, name) !== undefined)) {
    problems.push(`${name} is no longer read: the app roles and scopes each operation needs are declared in the CSDL `
      + '(Capabilities Permissions, README "Permissions"); remove the setting');
  }
  const tenantId = value(env, 'AUTH_TENANT_ID');
  if (tenantId === undefined) return readDevelopmentMode(env, problems, host);
  if (!GUID.test(tenantId)) problems.push(`AUTH_TENANT_ID '${tenantId}' must be the tenant (directory) id, a GUID: token issuers name the GUID`);
  const audiences = list(value(env, 'AUTH_AUDIENCES'));
  if (audiences.length === 0) problems.push("AUTH_AUDIENCES is required with AUTH_TENANT_ID: the API's client id and/or App ID URI");
  // Required or refused by the access policy at start-up, depending on whether the CSDL marks a scope ConfiguredApplicationsOnly.
  const creatorAppIds = list(value(env, 'AUTH_CREATOR_APP_IDS')).map((id) => id.toLowerCase());
  for (const id of creatorAppIds.filter((id) => !GUID.test(id))) problems.push(`AUTH_CREATOR_APP_IDS '${id}' is not an application id (a GUID)`);
  const discoveryUrl = value(env, 'AUTH_DISCOVERY_URL') ?? `${AZURE_AD_AUTHORITY}/${tenantId}/v2.0/.well-known/openid-configuration`;
  checkFetchUrl('AUTH_DISCOVERY_URL', discoveryUrl, problems);
  return freeze({
    mode: 'tenant', tenantId, audiences, discoveryUrl,
    issuers: readIssuerVersions(env, problems).map((version) => issuerOf(version, tenantId)),
    rules: { creatorAppIds },
  });
}

function readDevelopmentMode(env: Env, problems: string[], host: string | undefined): DevelopmentAuthConfig {
  for (const name of TENANT_ONLY.filter((name) => value(env, name) !== undefined)) {
    problems.push(`${name} needs AUTH_TENANT_ID; without a tenant the service runs in development mode with fixed values`);
  }
  if (host !== undefined && !isLoopback(host)) {
    problems.push(`HOST '${host}' is not a loopback address: without AUTH_TENANT_ID (development mode) the service listens on loopback only`);
  }
  const identity = DEVELOPMENT_IDENTITY;
  return freeze({
    mode: 'development', tenantId: identity.tenantId, audiences: [identity.audience],
    issuers: [issuerOf('v2', identity.tenantId)], keyFile: resolve(identity.keyFile),
    rules: { creatorAppIds: [identity.accessReviewsAppId] },
  });
}

function readIssuerVersions(env: Env, problems: string[]): IssuerVersion[] {
  const versions = list(value(env, 'AUTH_ISSUER_VERSIONS') ?? AUTH_DEFAULTS.AUTH_ISSUER_VERSIONS);
  const unknown = versions.filter((version) => version !== 'v1' && version !== 'v2');
  if (versions.length === 0 || unknown.length > 0) problems.push(`AUTH_ISSUER_VERSIONS '${versions.join(',')}' must list v1 and/or v2`);
  return versions.filter((version): version is IssuerVersion => version === 'v1' || version === 'v2');
}

/** The `iss` of Azure AD access tokens: v1 from sts.windows.net, v2 from the v2.0 endpoint. */
export function issuerOf(version: IssuerVersion, tenantId: string): string {
  return version === 'v1' ? `https://sts.windows.net/${tenantId}/` : `${AZURE_AD_AUTHORITY}/${tenantId}/v2.0`;
}

/** Key material is fetched over https; plain http only to this machine (local test identity providers). */
export function checkFetchUrl(name: string, text: string, problems: string[]): void {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problems.push(`${name} '${text}' is not an absolute URL`);
    return;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    problems.push(`${name} '${text}' must be https (http only for a loopback host)`);
  }
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

function list(raw: string | undefined): string[] {
  return (raw ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
}

function freeze<T extends AuthConfig>(config: T): T {
  const { audiences, issuers, rules } = config;
  [audiences, issuers, rules, rules.creatorAppIds].forEach((part) => Object.freeze(part));
  return Object.freeze(config);
}
