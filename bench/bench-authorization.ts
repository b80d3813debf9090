// The Authorization hook: one header sent on every request to both servers, and the env that makes the gateway accept it.
import { execFileSync, execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchAuthorization {
  /** The Authorization header value, e.g. `Bearer eyJ…`; undefined sends none. */
  readonly header?: string;
  /** Extra environment for the gateway (e.g. AUTH_* settings that make it trust the token's issuer). */
  readonly gatewayEnv: Readonly<Record<string, string>>;
  /** For the report: where the header came from. */
  readonly source: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The gateway's development-mode token tool; its tokens are signed with the key the gateway trusts (./data). */
const MINT_TOKEN = join(__dirname, '..', '..', 'dist', 'tools', 'mint-token.js');
/** The Access Reviews caller with every app role the CSDL declares: one token creates and reads, for every workload. */
const CALLER = 'access-reviews';

/**
 * In order: BENCH_AUTHORIZATION (the header value as is); BENCH_TOKEN_COMMAND (a command that prints a token, e.g. for a
 * tenant); the gateway's own development token tool when it is built; else no header. BENCH_GATEWAY_ENV: a JSON object
 * of variables for the gateway. A token is minted once per run (development tokens live an hour, longer than a run).
 */
export function resolveBenchAuthorization(packageRoot: string, env: Env = process.env): BenchAuthorization {
  const gatewayEnv = readGatewayEnv(env.BENCH_GATEWAY_ENV);
  if (env.BENCH_AUTHORIZATION) return { header: env.BENCH_AUTHORIZATION, gatewayEnv, source: 'BENCH_AUTHORIZATION' };
  if (env.BENCH_TOKEN_COMMAND) {
    const token = execSync(env.BENCH_TOKEN_COMMAND, { encoding: 'utf8', timeout: 30_000, cwd: packageRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    return { header: bearer(token, 'BENCH_TOKEN_COMMAND'), gatewayEnv, source: 'BENCH_TOKEN_COMMAND' };
  }
  if (existsSync(MINT_TOKEN)) {
    const token = execFileSync(process.execPath, [MINT_TOKEN, '--as', CALLER, '--all-roles'], {
      encoding: 'utf8', timeout: 30_000, cwd: packageRoot, env: { ...process.env, ...gatewayEnv }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    return { header: bearer(token, 'mint-token'), gatewayEnv, source: `development token (mint-token --as ${CALLER} --all-roles)` };
  }
  return { gatewayEnv, source: 'none (the gateway has no authentication)' };
}

function bearer(output: string, from: string): string {
  const token = output.trim();
  if (!/^[\w.~+/=-]+$/.test(token)) throw new Error(`${from} printed no single token`);
  return `Bearer ${token}`;
}

function readGatewayEnv(raw: string | undefined): Record<string, string> {
  if (!raw) return {};
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('BENCH_GATEWAY_ENV must be a JSON object');
  return Object.fromEntries(Object.entries(parsed).map(([name, value]) => [name, String(value)]));
}
