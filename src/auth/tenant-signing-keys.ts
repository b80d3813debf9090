// The tenant's signing keys: jwks_uri from its OpenID discovery document, then jose's cached, kid-refreshing key set.
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { checkFetchUrl } from '../config/auth-config';

export interface TenantSigningKeyOptions {
  /** Least time between two JWKS fetches caused by unknown `kid`s (rate limit against token spraying). */
  readonly refetchCooldownMs: number;
  /** After a failed discovery, callers get the failure for this long before the next attempt. */
  readonly retryAfterMs: number;
}

/** Longest wait for the identity provider; beyond it the request fails with 503 rather than hanging. */
const FETCH_TIMEOUT_MS = 5000;

export function tenantSigningKeys(discoveryUrl: string, options: TenantSigningKeyOptions): JWTVerifyGetKey {
  let keySet: Promise<JWTVerifyGetKey> | undefined;
  const load = (): Promise<JWTVerifyGetKey> => {
    const attempt = fetchJwksUri(discoveryUrl).then((jwksUri) => createRemoteJWKSet(jwksUri, {
      timeoutDuration: FETCH_TIMEOUT_MS,
      cooldownDuration: options.refetchCooldownMs, // jose refetches on an unknown kid at most this often
      cacheMaxAge: 600_000, // keys removed from the JWKS stop being trusted within 10 minutes
    }));
    attempt.catch(() => {
      setTimeout(() => { if (keySet === attempt) keySet = undefined; }, options.retryAfterMs).unref();
    });
    return attempt;
  };
  return async (header, token) => (await (keySet ??= load()))(header, token);
}

/** OpenID Connect Discovery 1.0 §3: `jwks_uri` is REQUIRED and names the provider's JWK Set document. */
async function fetchJwksUri(discoveryUrl: string): Promise<URL> {
  const response = await fetch(discoveryUrl, {
    redirect: 'manual', headers: { accept: 'application/json' }, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  if (response.status !== 200) throw new Error(`the OpenID discovery document answered ${response.status}`);
  const document = (await response.json()) as { jwks_uri?: unknown };
  const problems: string[] = [];
  if (typeof document.jwks_uri !== 'string') throw new Error('the OpenID discovery document has no jwks_uri');
  checkFetchUrl('jwks_uri', document.jwks_uri, problems);
  if (problems.length > 0) throw new Error(problems.join('; '));
  return new URL(document.jwks_uri);
}
