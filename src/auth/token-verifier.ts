// Verifies an Azure AD access token with jose: RS256 signature, issuer, audience and lifetime (RFC 7519 §4.1).
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/** Tolerance for clocks that differ between Azure AD and this host when checking exp/nbf (RFC 7519 §4.1.4, §4.1.5). */
export const CLOCK_SKEW_SECONDS = 60;

/** The token itself is not acceptable; the message is safe to send (it names no configured value). */
export class TokenRejectedError extends Error {
  override readonly name = 'TokenRejectedError';
}

/** The signing keys could not be obtained, so no token can be judged: answer 503, never allow, never 500. */
export class IdentityProviderUnavailableError extends Error {
  override readonly name = 'IdentityProviderUnavailableError';
}

export interface TokenVerifierOptions {
  readonly keys: JWTVerifyGetKey;
  readonly issuers: readonly string[];
  readonly audiences: readonly string[];
}

export type TokenVerifier = (token: string) => Promise<JWTPayload>;

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const keys = keyFailuresAsUnavailable(options.keys);
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: ['RS256'], // Azure AD signs access tokens with RS256; `none` and HS256 are refused before any key is used
        issuer: [...options.issuers],
        audience: [...options.audiences],
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ['exp'], // a token without an expiry would be valid forever
      });
      return payload;
    } catch (error) {
      throw error instanceof errors.JOSEError ? new TokenRejectedError(describeRejection(error)) : error;
    }
  };
}

/** A key-set error other than "no key has this kid" means the provider did not answer properly. */
function keyFailuresAsUnavailable(keys: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await keys(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      throw new IdentityProviderUnavailableError(`signing keys unavailable: ${describeCause(error)}`, { cause: error });
    }
  };
}

const CLAIM_MESSAGES: Readonly<Record<string, string>> = {
  aud: 'Invalid audience.',
  iss: 'Invalid issuer.',
  nbf: 'Lifetime validation failed, the token is not yet valid.',
};

/** Graph's wording for each kind of rejection; never the token, its claims or the expected values. */
function describeRejection(error: errors.JOSEError): string {
  if (error instanceof errors.JWTExpired) return 'Lifetime validation failed, the token is expired.';
  if (error instanceof errors.JWTClaimValidationFailed) return CLAIM_MESSAGES[error.claim] ?? 'Access token validation failure.';
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return 'Access token validation failure. Invalid signature.';
  }
  return 'Access token validation failure.';
}

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `${error.message} (${code})` : error.message;
}
