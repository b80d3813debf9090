// A test gateway with the real bearer policy against a local identity provider; its log lines are kept for assertions.
import { createAccessPolicy } from '../../src/auth/create-access-policy';
import { loadConfig } from '../../src/config/gateway-config';
import { createLogger } from '../../src/log/logger';
import { readCsdl } from '../../src/model/read-csdl';
import type { IdentityProvider } from './auth-identity-provider';
import { authEnv } from './auth-tokens';
import { PUBLIC_URL, startTestGateway, type TestEngine, type TestGateway } from './test-gateway';

export interface AuthTestGateway extends TestGateway {
  /** Every service log line, debug level included. */
  readonly logLines: readonly string[];
}

export interface AuthTestGatewayOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly keyRefetchCooldownMs?: number;
  readonly retryAfterSeconds?: number;
  readonly engine?: TestEngine;
  /** Called when the engine cannot be reached outside CI (pass mocha's `() => this.skip()`). */
  readonly skip?: () => never;
}

export async function startAuthGateway(provider: IdentityProvider, options: AuthTestGatewayOptions = {}): Promise<AuthTestGateway> {
  const logLines: string[] = [];
  const logger = createLogger('debug', (line) => logLines.push(line));
  const env = { ...authEnv(provider), ...options.env };
  const config = loadConfig({ PUBLIC_URL, ...env });
  const access = await createAccessPolicy(config, readCsdl(config.csdlFile), {
    logger, keyRefetchCooldownMs: options.keyRefetchCooldownMs, retryAfterSeconds: options.retryAfterSeconds,
  });
  const gateway = await startTestGateway({ env, access, logger, engine: options.engine, skip: options.skip });
  return { ...gateway, logLines };
}
