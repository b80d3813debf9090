// The passport strategy: reads the bearer token (RFC 6750 §2.1) and verifies it with jose; success carries its claims.
import type { Request } from 'express';
import passport from 'passport';
import type { BearerErrorCode } from './bearer-challenge';
import { readBearerToken } from './bearer-token';
import { TokenRejectedError, type TokenVerifier } from './token-verifier';

export const AZURE_AD_BEARER = 'azure-ad-bearer';

/** What the strategy hands to passport's `fail`: the RFC 6750 error code (none for a missing token) and a safe message. */
export interface BearerFailure {
  readonly error?: BearerErrorCode;
  readonly message: string;
}

export class AzureAdBearerStrategy extends passport.Strategy {
  override readonly name = AZURE_AD_BEARER;

  constructor(private readonly verifyToken: TokenVerifier) {
    super();
  }

  override authenticate(req: Request): void {
    const presented = readBearerToken(req);
    if (presented.kind === 'missing') {
      this.fail(failure(undefined, 'Access token is empty.'), 401);
      return;
    }
    if (presented.kind === 'malformed') {
      this.fail(failure('invalid_token', 'Access token validation failure.'), 401);
      return;
    }
    this.verifyToken(presented.token).then(
      (claims) => this.success(claims),
      (error: unknown) => {
        if (error instanceof TokenRejectedError) this.fail(failure('invalid_token', error.message), 401);
        else this.error(error);
      },
    );
  }
}

function failure(error: BearerErrorCode | undefined, message: string): BearerFailure {
  return error === undefined ? { message } : { error, message };
}
