// WWW-Authenticate values for bearer failures (RFC 6750 §3): a realm, and an error code only when a token was presented.

/** RFC 6750 §3.1: invalid_token → 401, insufficient_scope → 403; no code when the request had no token. */
export type BearerErrorCode = 'invalid_token' | 'insufficient_scope';

export function bearerChallenge(realm: string, error?: BearerErrorCode): string {
  // RFC 6750 §3: auth-param values are quoted-strings; escape the two characters a quoted-string cannot hold.
  const quoted = realm.replace(/["\\]/g, (character) => `\\${character}`);
  return error === undefined ? `Bearer realm="${quoted}"` : `Bearer realm="${quoted}", error="${error}"`;
}
