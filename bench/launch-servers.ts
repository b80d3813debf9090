// Starts the two servers under test the way users start them: the gateway's dist/main.js (the shipped build) with env config, and the baseline.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BenchAuthorization } from './bench-authorization';
import { freePort, startServer, type ServerProcess } from './server-process';

/** The package root, from dist-bench/bench/. */
export const PACKAGE_ROOT = resolve(__dirname, '..', '..');
export const GATEWAY_MAIN = join(PACKAGE_ROOT, 'dist', 'main.js');
const BASELINE_MAIN = join(__dirname, 'baseline-server.js');
export const SERVICE_ROOT = '/beta';

export interface LaunchOptions {
  readonly databaseFile: string;
  readonly logDir: string;
  readonly auth: BenchAuthorization;
  /** Node options before the script, e.g. --cpu-prof. */
  readonly nodeOptions?: readonly string[];
  /** Suffix of the log file name, to tell repeated starts apart. */
  readonly label?: string;
  /** Gateway variables over the bench's own (e.g. ACCESS_LOG, LOG_LEVEL for the overheads mode). */
  readonly env?: Readonly<Record<string, string>>;
}

function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  return env;
}

/** The Node options `npm start` gives the gateway (package.json "start": `… node <options> dist/main.js`). */
export function startScriptNodeOptions(): string[] {
  const start = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const match = /\bnode((?:\s+--\S+)*)\s+dist\/main\.js/.exec(start);
  if (!match) throw new Error(`package.json "start" does not run node … dist/main.js: ${start}`);
  return match[1].trim().split(/\s+/).filter(Boolean);
}

export async function startGateway(options: LaunchOptions): Promise<ServerProcess> {
  const port = await freePort();
  return startServer({
    name: 'gateway',
    args: [...startScriptNodeOptions(), ...(options.nodeOptions ?? []), GATEWAY_MAIN],
    env: {
      ...inheritedEnv(),
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: `sqlite:${options.databaseFile}`,
      LOG_LEVEL: 'warn', // no per-request logging in a measured run
      ...options.auth.gatewayEnv,
      ...options.env,
    },
    cwd: PACKAGE_ROOT,
    port,
    readyPath: `${SERVICE_ROOT}/`,
    logFile: join(options.logDir, `gateway${options.label ?? ''}.log`),
    authorization: options.auth.header,
  });
}

export async function startBaseline(options: LaunchOptions): Promise<ServerProcess> {
  const port = await freePort();
  return startServer({
    name: 'baseline',
    args: [...(options.nodeOptions ?? []), BASELINE_MAIN],
    env: {
      ...inheritedEnv(),
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_FILE: options.databaseFile,
      ...(options.auth.header ? { BENCH_AUTHORIZATION: options.auth.header } : {}),
    },
    cwd: PACKAGE_ROOT,
    port,
    readyPath: `${SERVICE_ROOT}/`,
    logFile: join(options.logDir, `baseline${options.label ?? ''}.log`),
    authorization: options.auth.header,
  });
}

/** The newest modification time under dist: a change during a run means the gateway was rebuilt mid-run. */
export function gatewayBuildStamp(): number {
  let newest = 0;
  for (const entry of readdirSync(join(PACKAGE_ROOT, 'dist'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}
