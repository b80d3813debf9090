// Builds the access policy from configuration: the tenant's keys or, in development mode, the local key; the same rules.
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import type { GatewayConfig } from '../config/gateway-config';
import type { Logger } from '../log/logger';
import type { AccessPolicy } from './access-policy';
import { createBearerAccessPolicy } from './bearer-access-policy';
import { ensureDevelopmentKey } from './development-key';
import { tenantSigningKeys } from './tenant-signing-keys';
import { createTokenVerifier } from './token-verifier';
import { cacheVerifiedTokens } from './verified-token-cache';

export interface AccessPolicyOptions {
  readonly logger: Logger;
  /** Least time between JWKS refetches for unknown `kid`s; jose's default, 30 s. */
  readonly keyRefetchCooldownMs?: number;
  /** How long an unreachable identity provider is not asked again, and the 503's Retry-After. */
  readonly retryAfterSeconds?: number;
}

export async function createAccessPolicy(config: Pick<GatewayConfig, 'auth' | 'publicUrl'>, options: AccessPolicyOptions): Promise<AccessPolicy> {
  const { auth } = config;
  const retryAfterSeconds = options.retryAfterSeconds ?? 5;
  let keys: JWTVerifyGetKey;
  if (auth.mode === 'tenant') {
    keys = tenantSigningKeys(auth.discoveryUrl, {
      refetchCooldownMs: options.keyRefetchCooldownMs ?? 30_000, retryAfterMs: retryAfterSeconds * 1000,
    });
  } else {
    const key = await ensureDevelopmentKey(auth.keyFile);
    keys = createLocalJWKSet({ keys: [key.publicJwk] });
    options.logger.warn('auth.development-mode', {
      message: 'DEVELOPMENT MODE: no AUTH_TENANT_ID is set, so only tokens signed with the local key are accepted;'
        + ' mint one with `npm run -s token -- --as access-reviews` (or `--as reader`). Never expose this instance.',
      keyFile: auth.keyFile, issuer: auth.issuers[0], audience: auth.audiences[0],
    });
  }
  return createBearerAccessPolicy({
    verifyToken: cacheVerifiedTokens(createTokenVerifier({ keys, issuers: auth.issuers, audiences: auth.audiences })),
    rules: auth.rules, realm: config.publicUrl, logger: options.logger, retryAfterSeconds,
  });
}
