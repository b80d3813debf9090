// The real service process (dist/main.js, the shipped build) for tests of restarts, signals and several instances.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { mintDevelopmentToken } from '../../src/auth/development-token';
import { DEFAULTS, loadConfig, PACKAGE_ROOT } from '../../src/config/gateway-config';
import { readCsdl } from '../../src/model/read-csdl';

const MAIN = join(PACKAGE_ROOT, 'dist', 'main.js');

export interface GatewayProcess {
  readonly child: ChildProcess;
  /** e.g. http://127.0.0.1:40123 */
  readonly origin: string;
  readonly log: () => string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Only what the process needs: no AUTH_*, HOST or DATABASE_* from the test runner's environment. */
function processEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', PORT: '0', ...extra };
}

/** Starts main.js in `cwd` (development-mode auth keeps its key there) and waits for its listening line. */
export function startGatewayProcess(cwd: string, env: Record<string, string>, timeoutMs = 20_000): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [MAIN], { cwd, env: processEnv(env), stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`no listening line within ${timeoutMs} ms:\n${log}`)); }, timeoutMs);
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`exited ${code} before listening:\n${log}`)); });
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const line = log.split('\n').find((candidate) => candidate.includes('"gateway.listening"'));
      if (!line) return;
      clearTimeout(timer);
      const { port } = (JSON.parse(line) as { address: { port: number } }).address;
      resolve({
        child, origin: `http://127.0.0.1:${port}`, log: () => log,
        stop: (signal = 'SIGTERM') => { if (child.exitCode === null) child.kill(signal); return exited; },
      });
    });
  });
}

/** A development-mode token for a process started in `cwd` (same key file). */
/** `allRoles`: every app role the shipped CSDL declares (create and read in one token). */
export async function developmentToken(cwd: string, caller: 'access-reviews' | 'reader', allRoles = false): Promise<string> {
  const previous = process.cwd();
  process.chdir(cwd); // the key file's default path is relative to the working directory
  let auth: ReturnType<typeof loadConfig>['auth'];
  try {
    auth = loadConfig({ LOG_LEVEL: 'silent' }).auth;
  } finally {
    process.chdir(previous);
  }
  if (auth.mode !== 'development') throw new Error('expected development mode');
  return mintDevelopmentToken(auth, readCsdl(DEFAULTS.CSDL_FILE), { as: caller, allRoles });
}
