// The service's access policy: passport authenticates the bearer token, the grants derived from the CSDL decide.
import type { Request } from 'express';
import type { JWTPayload } from 'jose';
import passport from 'passport';
import { AccessDeniedError, ServiceUnavailableError, UnauthenticatedError } from '../errors/graph-error';
import type { AccessPolicy, DataOperation } from './access-policy';
import type { AccessRequirements } from './access-requirements';
import { permits, toCaller } from './access-rules';
import { AZURE_AD_BEARER, AzureAdBearerStrategy, type BearerFailure } from './azure-ad-bearer-strategy';
import { bearerChallenge } from './bearer-challenge';
import { IdentityProviderUnavailableError, type TokenVerifier } from './token-verifier';

export interface BearerAccessPolicyOptions {
  readonly verifyToken: TokenVerifier;
  readonly requirements: AccessRequirements;
  /** The RFC 6750 §3 realm of every challenge. */
  readonly realm: string;
  /** Retry-After of the 503 sent while the identity provider is unreachable. */
  readonly retryAfterSeconds: number;
}

export function createBearerAccessPolicy(options: BearerAccessPolicyOptions): AccessPolicy {
  const authenticator = new passport.Passport(); // one per gateway: two gateways in a process share no strategy
  authenticator.use(new AzureAdBearerStrategy(options.verifyToken));
  const authenticate = (req: Request) => new Promise<JWTPayload>((resolve, reject) => {
    const decide = (error: unknown, claims: JWTPayload | false, failure?: BearerFailure) => {
      if (error) reject(toGraphFailure(error, options.retryAfterSeconds));
      else if (claims) resolve(claims);
      else reject(unauthenticated(options.realm, failure));
    };
    authenticator.authenticate(AZURE_AD_BEARER, { session: false }, decide)(req, req.res, () => {
      reject(new Error('the bearer strategy made no decision'));
    });
  });
  return {
    async authorize(req, operation: DataOperation, entitySet) {
      const caller = toCaller(await authenticate(req));
      if (!permits(options.requirements.get(entitySet.name)?.[operation] ?? [], caller)) {
        // RFC 6750 §3.1: insufficient_scope → 403; the scopes themselves are not named.
        throw new AccessDeniedError(`The caller is not allowed to ${operation} this resource.`, {
          headers: { 'WWW-Authenticate': bearerChallenge(options.realm, 'insufficient_scope') },
        });
      }
      return { callerAppId: caller.appId };
    },
  };
}

function unauthenticated(realm: string, failure: BearerFailure | undefined): UnauthenticatedError {
  return new UnauthenticatedError(failure?.message ?? 'Access token validation failure.', {
    headers: { 'WWW-Authenticate': bearerChallenge(realm, failure?.error) },
  });
}

function toGraphFailure(error: unknown, retryAfterSeconds: number): unknown {
  if (!(error instanceof IdentityProviderUnavailableError)) return error;
  return new ServiceUnavailableError('The identity provider cannot be reached to validate the access token; retry later.', {
    cause: error, headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}
