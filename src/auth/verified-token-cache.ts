// Remembers tokens that passed verification until they expire, so the RSA check runs once per token, not per request.
import type { JWTPayload } from 'jose';
import { CLOCK_SKEW_SECONDS, type TokenVerifier } from './token-verifier';

/** Enough for every caller of a busy instance; the oldest entry goes first when full. */
const MAX_ENTRIES = 1000;

/** Told of each lookup: true when the token was cached and still valid (no signature check), false otherwise. */
export type TokenCacheObserver = (hit: boolean) => void;

/**
 * Only successes are cached, each until the token's own `exp` (plus the same clock skew jose allows): a cached
 * token is exactly one that verification would accept again, except that a signing key withdrawn from the JWKS
 * stops it only at its expiry rather than at once.
 */
export function cacheVerifiedTokens(verify: TokenVerifier, now: () => number = Date.now, observe: TokenCacheObserver = () => undefined): TokenVerifier {
  const cache = new Map<string, { readonly payload: JWTPayload; readonly validUntilMs: number }>();
  return async (token) => {
    const cached = cache.get(token);
    if (cached !== undefined) {
      if (now() <= cached.validUntilMs) {
        observe(true);
        return cached.payload;
      }
      cache.delete(token);
    }
    observe(false);
    const payload = await verify(token);
    if (typeof payload.exp === 'number') {
      if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
      cache.set(token, { payload, validUntilMs: (payload.exp + CLOCK_SKEW_SECONDS) * 1000 });
    }
    return payload;
  };
}
