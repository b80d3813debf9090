// A server under test as a child process: started on a free loopback port, awaited until ready, always stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';

export interface ServerSpec {
  readonly name: string;
  /** Arguments after the node executable (node options, then the script). */
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** The working directory (the gateway keeps its development signing key under ./data of it). */
  readonly cwd: string;
  readonly port: number;
  /** Answers 200 once the server serves requests. */
  readonly readyPath: string;
  /** Its stdout and stderr go here, written by the child itself. */
  readonly logFile: string;
  readonly authorization?: string;
}

export interface ServerProcess {
  readonly name: string;
  readonly pid: number;
  readonly origin: string;
  /** Sends the signal, waits for the exit (SIGKILL after the grace period); resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 15_000;
const live = new Set<ChildProcess>();

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

export async function startServer(spec: ServerSpec): Promise<ServerProcess> {
  const log = openSync(spec.logFile, 'a');
  const child = spawn(process.execPath, [...spec.args], { cwd: spec.cwd, env: { ...spec.env }, stdio: ['ignore', log, log] });
  closeSync(log);
  live.add(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => { live.delete(child); resolve(code); }));
  const origin = `http://127.0.0.1:${spec.port}`;
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  try {
    await waitReady(`${origin}${spec.readyPath}`, exited, spec.authorization);
  } catch (error) {
    await stop('SIGKILL');
    throw new Error(`${spec.name} did not start (log: ${spec.logFile}): ${(error as Error).message}`);
  }
  return { name: spec.name, pid: child.pid ?? -1, origin, stop };
}

async function waitReady(url: string, exited: Promise<number | null>, authorization?: string): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => { exitCode = code; });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`exited with code ${exitCode}`);
    if ((await statusOf(url, authorization)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not ready within ${READY_TIMEOUT_MS / 1000} s`);
}

function statusOf(url: string, authorization?: string): Promise<number> {
  return new Promise((resolve) => {
    const headers = authorization ? { authorization } : {};
    const req = request(url, { headers, timeout: 2000 }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

/** Last resort on exit: no server outlives the bench. */
export function killLiveServers(): void {
  for (const child of live) child.kill('SIGKILL');
}
