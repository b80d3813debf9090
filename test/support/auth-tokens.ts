// Azure AD-shaped access tokens for the auth tests, signed with jose: app-only and delegated, v1 and v2, and broken ones.
import { randomUUID } from 'node:crypto';
import { SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import { issuerOf } from '../../src/config/auth-config';
import type { IdentityProvider, SigningKey } from './auth-identity-provider';

export const TENANT_ID = 'c0ffee00-0000-4000-8000-0000000000aa';
export const API_CLIENT_ID = 'c0ffee00-0000-4000-8000-0000000000ab';
export const APP_ID_URI = 'api://privileged-operation-events.test';
export const ACCESS_REVIEWS_APP_ID = 'c0ffee00-0000-4000-8000-0000000000ac';
export const OTHER_APP_ID = 'c0ffee00-0000-4000-8000-0000000000ad';
export const READER_APP_ID = 'c0ffee00-0000-4000-8000-0000000000ae';
/** The app roles and the delegated scope the shipped CSDL's permissions name. */
export const CREATOR_ROLE = 'PrivilegedOperationEvent.Create';
export const READER_ROLE = 'PrivilegedOperationEvent.Read.All';
export const READER_SCOPE = 'Directory.AccessAsUser.All';
/** Role template ids of Azure AD directory roles (the same in every tenant). */
export const DIRECTORY_ROLES = Object.freeze({
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  securityAdministrator: '194ae4cb-b126-40b2-bd5b-6091b380977d',
  securityReader: '5d6b6bb7-de71-4623-b4af-96380a352509',
  /** Not one the shipped CSDL names. */
  directoryReaders: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
});
/** Personal data a delegated token carries; it must never reach the log. */
export const USER = Object.freeze({ name: 'Adele Vance', preferred_username: 'adele.vance@contoso.test', oid: randomUUID() });

/** The configuration the auth tests run with: the test tenant, both audiences, the local identity provider. */
export function authEnv(provider: IdentityProvider): Record<string, string> {
  return {
    AUTH_TENANT_ID: TENANT_ID, AUTH_AUDIENCES: `${API_CLIENT_ID},${APP_ID_URI}`,
    AUTH_CREATOR_APP_IDS: ACCESS_REVIEWS_APP_ID, AUTH_DISCOVERY_URL: provider.discoveryUrl,
  };
}

/** A client-credentials token: v2 names the caller in `azp`, v1 in `appid` (and uses the sts.windows.net issuer). */
export function appOnlyClaims(appId: string, roles: readonly string[], version: 'v1' | 'v2' = 'v2'): JWTPayload {
  const servicePrincipalId = randomUUID();
  const common = { tid: TENANT_ID, oid: servicePrincipalId, sub: servicePrincipalId, roles: [...roles], idtyp: 'app' };
  return version === 'v2'
    ? { ...common, iss: issuerOf('v2', TENANT_ID), aud: API_CLIENT_ID, azp: appId, azpacr: '1', ver: '2.0' }
    : { ...common, iss: issuerOf('v1', TENANT_ID), aud: APP_ID_URI, appid: appId, appidacr: '1', ver: '1.0' };
}

/** A token a client application obtained for a signed-in user: `scp` present, the user's identity in the claims. */
export function delegatedClaims(appId: string, scopes: readonly string[], roles: readonly string[] = [], wids: readonly string[] = []): JWTPayload {
  return {
    iss: issuerOf('v2', TENANT_ID), aud: API_CLIENT_ID, azp: appId, tid: TENANT_ID, ver: '2.0', sub: randomUUID(),
    scp: scopes.join(' '), ...(roles.length > 0 ? { roles: [...roles] } : {}), ...(wids.length > 0 ? { wids: [...wids] } : {}), ...USER,
  };
}

export interface Lifetime {
  /** Seconds from now; negative for an expired token. */
  readonly expiresIn?: number;
  /** Seconds from now until the token becomes valid. */
  readonly notBefore?: number;
  /** Leave out `exp` altogether. */
  readonly withoutExpiry?: boolean;
}

export async function signToken(key: SigningKey, claims: JWTPayload, lifetime: Lifetime = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const expiresAt = now + (lifetime.expiresIn ?? 3600);
  const issuedAt = Math.min(now, expiresAt - 3600);
  const jwt = new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
    .setIssuedAt(issuedAt)
    .setNotBefore(lifetime.notBefore === undefined ? issuedAt : now + lifetime.notBefore);
  return (lifetime.withoutExpiry ? jwt : jwt.setExpirationTime(expiresAt)).sign(key.privateKey);
}

/** `alg: none` (RFC 7519 §6): no signature at all. */
export function unsignedToken(claims: JWTPayload): string {
  const now = Math.floor(Date.now() / 1000);
  return new UnsecuredJWT({ ...claims }).setIssuedAt(now).setExpirationTime(now + 3600).encode();
}

/** The algorithm-confusion attack: HS256 keyed with the RSA public key the tenant publishes. */
export async function hs256Token(key: SigningKey, claims: JWTPayload): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: key.kid })
    .setIssuedAt(now).setExpirationTime(now + 3600)
    .sign(new TextEncoder().encode(JSON.stringify(key.publicJwk)));
}
