// Access tokens for development mode, shaped like Azure AD v2 tokens, for every permission the served CSDL declares.
import { randomUUID } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { DEVELOPMENT_IDENTITY, type DevelopmentAuthConfig } from '../config/auth-config';
import type { PermissionScope, SchemeKind, ServiceModel } from '../model/service-model';
import { ensureDevelopmentKey } from './development-key';

/** The callers a developer can act as: the Access Reviews service (its configured app id) and a reader app. */
export const DEVELOPMENT_CALLERS = ['access-reviews', 'reader'] as const;
export type DevelopmentCaller = (typeof DEVELOPMENT_CALLERS)[number];

export interface DevelopmentTokenRequest {
  readonly as?: DevelopmentCaller;
  /** App roles of an app-only token; default for `as`: the roles its permissions name. */
  readonly roles?: readonly string[];
  /** Every app role the CSDL's permissions name (with `as`, e.g. one token for a benchmark that creates and reads). */
  readonly allRoles?: boolean;
  /** Delegated scopes: the token is then a signed-in user's token. */
  readonly scopes?: readonly string[];
  /** Directory roles (`wids`): role template ids or the display names the CSDL gives them. */
  readonly wids?: readonly string[];
}

/** Azure AD's default access token lifetime is 60–90 minutes. */
const LIFETIME_SECONDS = 3600;

/** The token's claims (issuer, audience and lifetime aside), or an error naming what the CSDL declares. */
export function developmentClaims(model: ServiceModel, request: DevelopmentTokenRequest): JWTPayload {
  const declared = declaredScopes(model);
  const appId = request.as === 'access-reviews' ? DEVELOPMENT_IDENTITY.accessReviewsAppId : DEVELOPMENT_IDENTITY.readerAppId;
  const subject = randomUUID();
  const scopes = request.scopes ?? [];
  const wids = (request.wids ?? []).map((role) => roleTemplateId(role, declared.all));
  const widsClaim = wids.length > 0 ? { wids } : {};
  if (scopes.length > 0) {
    if ((request.roles ?? []).length > 0) throw new Error('--role makes an app-only token and --scope a delegated one: give one of them');
    checkDeclared(scopes, declared, 'delegated', '--scope');
    // Azure AD v2 access token claims of a delegated (signed-in user) token; no personal data.
    return { azp: appId, azpacr: '1', idtyp: 'user', oid: subject, sub: subject, scp: scopes.join(' '), ...widsClaim, ver: '2.0' };
  }
  const roles = request.allRoles ? [...declared.application] : request.roles?.length ? request.roles : defaultRoles(request.as, declared.all);
  if (roles.length === 0) throw new Error(`the CSDL grants no app role to --as ${request.as ?? '(none)'}: name one with --role or --scope`);
  checkDeclared(roles, declared, 'application', '--role');
  // Azure AD v2 access token claims of a client-credentials (app-only) token.
  return { azp: appId, azpacr: '1', idtyp: 'app', oid: subject, sub: subject, roles: [...new Set(roles)], ...widsClaim, ver: '2.0' };
}

export async function mintDevelopmentToken(auth: DevelopmentAuthConfig, model: ServiceModel, request: DevelopmentTokenRequest): Promise<string> {
  const claims = developmentClaims(model, request);
  const key = await ensureDevelopmentKey(auth.keyFile);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...claims, tid: auth.tenantId })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.publicJwk.kid })
    .setIssuer(auth.issuers[0]!)
    .setAudience(auth.audiences[0]!)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + LIFETIME_SECONDS)
    .sign(key.privateKey);
}

interface Declared {
  readonly application: ReadonlySet<string>;
  readonly delegated: ReadonlySet<string>;
  readonly all: readonly (PermissionScope & { readonly kind: SchemeKind; readonly operation: string })[];
}

function declaredScopes(model: ServiceModel): Declared {
  const all = model.entitySets.flatMap((set) => Object.entries(set.permissions ?? {}).flatMap(([operation, permissions]) =>
    permissions.flatMap((permission) => permission.scopes.map((scope) => ({ ...scope, kind: permission.scheme.kind, operation })))));
  const of = (kind: SchemeKind) => new Set(all.filter((scope) => scope.kind === kind).map((scope) => scope.scope));
  return { application: of('application'), delegated: of('delegated'), all };
}

function defaultRoles(as: DevelopmentCaller | undefined, all: Declared['all']): string[] {
  const roles = all.filter((scope) => scope.kind === 'application'
    && (as === 'access-reviews' ? scope.configuredApplicationsOnly : scope.operation === 'read' && !scope.configuredApplicationsOnly));
  return [...new Set(roles.map((scope) => scope.scope))];
}

function checkDeclared(names: readonly string[], declared: Declared, kind: SchemeKind, option: string): void {
  const unknown = names.filter((name) => !declared[kind].has(name));
  if (unknown.length > 0) {
    throw new Error(`${option} ${unknown.join(', ')}: the CSDL's permissions name no such ${kind === 'application' ? 'app role' : 'delegated scope'}`
      + ` (declared: ${[...declared[kind]].join(', ') || 'none'})`);
  }
}

function roleTemplateId(role: string, all: Declared['all']): string {
  const known = all.flatMap((scope) => scope.directoryRoles);
  const found = known.find((candidate) => candidate.roleTemplateId === role.toLowerCase() || candidate.displayName === role);
  if (!found) {
    const names = [...new Set(known.map((candidate) => `${candidate.displayName} (${candidate.roleTemplateId})`))];
    throw new Error(`--wids ${role}: no permission of the CSDL requires this directory role (declared: ${names.join(', ') || 'none'})`);
  }
  return found.roleTemplateId;
}
