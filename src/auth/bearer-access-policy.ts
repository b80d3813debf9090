// The service's access policy: passport authenticates the bearer token, the access rules decide, creations are logged.
import type { Request, Response } from 'express';
import type { JWTPayload } from 'jose';
import passport from 'passport';
import type { AccessRules } from '../config/auth-config';
import { AccessDeniedError, ServiceUnavailableError, UnauthenticatedError } from '../errors/graph-error';
import { requestIdsOf } from '../http/request-ids';
import type { Logger } from '../log/logger';
import type { AccessPolicy, DataOperation } from './access-policy';
import { permits, toCaller, type Caller } from './access-rules';
import { AZURE_AD_BEARER, AzureAdBearerStrategy, type BearerFailure } from './azure-ad-bearer-strategy';
import { bearerChallenge } from './bearer-challenge';
import { IdentityProviderUnavailableError, type TokenVerifier } from './token-verifier';

export interface BearerAccessPolicyOptions {
  readonly verifyToken: TokenVerifier;
  readonly rules: AccessRules;
  /** The RFC 6750 §3 realm of every challenge. */
  readonly realm: string;
  readonly logger: Logger;
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
    async authorize(req: Request, operation: DataOperation): Promise<void> {
      const caller = toCaller(await authenticate(req));
      if (!permits(options.rules, caller, operation)) {
        // RFC 6750 §3.1: insufficient_scope → 403; the scopes themselves are not named.
        throw new AccessDeniedError(`The caller is not allowed to ${operation} this resource.`, {
          headers: { 'WWW-Authenticate': bearerChallenge(options.realm, 'insufficient_scope') },
        });
      }
      if (operation === 'create' && req.res) recordCreation(req.res, caller, options.logger);
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

/** The service log names who created which event (the entity itself does not); no token, claim or personal data. */
function recordCreation(res: Response, caller: Caller, logger: Logger): void {
  res.once('finish', () => {
    if (res.statusCode !== 201 && res.statusCode !== 204) return;
    const location = String(res.getHeader('OData-EntityId') ?? res.getHeader('Location') ?? '');
    const key = /\('((?:[^']|'')*)'\)$/.exec(location)?.[1]?.replace(/''/g, "'");
    logger.info('event.created', { requestId: requestIdsOf(res).requestId, callerAppId: caller.appId, entityId: key ?? location });
  });
}
