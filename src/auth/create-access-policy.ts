// Builds the access policy from configuration: the tenant's keys or, in development mode, the local key; the same rules.
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import { ConfigError, type GatewayConfig } from '../config/gateway-config';
import type { Logger } from '../log/logger';
import type { ServiceModel } from '../model/service-model';
import type { AccessPolicy } from './access-policy';
import { deriveAccessRequirements, type AccessRequirements } from './access-requirements';
import { createBearerAccessPolicy } from './bearer-access-policy';
import { ensureDevelopmentKey } from './development-key';
import { tenantSigningKeys } from './tenant-signing-keys';
import { createTokenVerifier } from './token-verifier';
import { cacheVerifiedTokens, type TokenCacheObserver } from './verified-token-cache';

export interface AccessPolicyOptions {
  readonly logger: Logger;
  /** Least time between JWKS refetches for unknown `kid`s; jose's default, 30 s. */
  readonly keyRefetchCooldownMs?: number;
  /** How long an unreachable identity provider is not asked again, and the 503's Retry-After. */
  readonly retryAfterSeconds?: number;
  /** Told of each verified-token cache lookup (the gateway's metrics). */
  readonly observeTokenCache?: TokenCacheObserver;
}

export async function createAccessPolicy(config: Pick<GatewayConfig, 'auth' | 'publicUrl'>, model: ServiceModel, options: AccessPolicyOptions): Promise<AccessPolicy> {
  const { auth } = config;
  const requirements = accessRequirements(config, model, options.logger);
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
        + ' mint one with `npm run -s token -- --as access-reviews` (`--list` shows every permission). Never expose this instance.',
      keyFile: auth.keyFile, issuer: auth.issuers[0], audience: auth.audiences[0],
    });
  }
  return createBearerAccessPolicy({
    verifyToken: cacheVerifiedTokens(createTokenVerifier({ keys, issuers: auth.issuers, audiences: auth.audiences }), Date.now, options.observeTokenCache),
    requirements, realm: config.publicUrl, retryAfterSeconds,
  });
}

/** The grants of every operation, from the CSDL's Permissions and AUTH_CREATOR_APP_IDS; a contradiction stops start-up. */
function accessRequirements(config: Pick<GatewayConfig, 'auth'>, model: ServiceModel, logger: Logger): AccessRequirements {
  const report = { problems: [] as string[], unpermitted: [] as string[] };
  const requirements = deriveAccessRequirements(model, config.auth.rules, config.auth.mode === 'tenant', report);
  if (report.problems.length > 0) throw new ConfigError(report.problems.map((problem) => `${problem} (CSDL ${model.file})`));
  if (report.unpermitted.length > 0) {
    logger.warn('auth.no-permissions', {
      message: 'these operations are allowed by the CSDL but declare no Permissions, so every caller is refused (403)',
      operations: report.unpermitted,
    });
  }
  return requirements;
}
