// Access tokens for development mode, shaped like Azure AD v2 app-only tokens so they meet the production rules.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { DEVELOPMENT_IDENTITY, type DevelopmentAuthConfig } from '../config/auth-config';
import { ensureDevelopmentKey } from './development-key';

/** The callers a developer can act as: the Access Reviews service (creates) and a reader app (reads). */
export const DEVELOPMENT_CALLERS = ['access-reviews', 'reader'] as const;
export type DevelopmentCaller = (typeof DEVELOPMENT_CALLERS)[number];

/** Azure AD's default access token lifetime is 60–90 minutes. */
const LIFETIME_SECONDS = 3600;

export async function mintDevelopmentToken(auth: DevelopmentAuthConfig, caller: DevelopmentCaller): Promise<string> {
  const key = await ensureDevelopmentKey(auth.keyFile);
  const { appId, role } = caller === 'access-reviews'
    ? { appId: DEVELOPMENT_IDENTITY.accessReviewsAppId, role: auth.rules.creatorRole }
    : { appId: DEVELOPMENT_IDENTITY.readerAppId, role: auth.rules.readerRoles[0] };
  if (role === undefined) throw new Error('AUTH_READER_ROLES is empty: no role to give a reader token');
  const servicePrincipalId = randomUUID();
  const now = Math.floor(Date.now() / 1000);
  // Azure AD v2 access token claims for a client-credentials (app-only) token.
  return new SignJWT({ azp: appId, azpacr: '1', idtyp: 'app', oid: servicePrincipalId, roles: [role], tid: auth.tenantId, ver: '2.0' })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.publicJwk.kid })
    .setIssuer(auth.issuers[0]!)
    .setAudience(auth.audiences[0]!)
    .setSubject(servicePrincipalId)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + LIFETIME_SECONDS)
    .sign(key.privateKey);
}
