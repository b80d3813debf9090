// `npm start` as operators and supervisors run it: no compile step, and SIGTERM to the npm process reaches the gateway.
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/config/gateway-config';
import { temporaryDirectory } from '../support/test-gateway';

/** Tenant mode with a loopback discovery URL that is never fetched (no token is sent): no key file in the package. */
const TENANT_ENV = {
  AUTH_TENANT_ID: '0b7d6d2e-5c1a-4f3e-9a7b-1c2d3e4f5a6b', AUTH_AUDIENCES: 'api://npm-start-test',
  AUTH_CREATOR_APP_IDS: '6a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b', AUTH_DISCOVERY_URL: 'http://127.0.0.1:9/openid-configuration',
};

function childrenOf(pid: number): number[] {
  const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return text === '' ? [] : text.split(/\s+/).map(Number);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start', function () {
  this.timeout(60_000);
  const directory = temporaryDirectory();
  let npm: ChildProcess | undefined;
  let started: number[] = [];
  after(() => {
    for (const pid of started.filter(isAlive)) process.kill(pid, 'SIGKILL'); // a failed run leaves nothing behind
    if (npm?.exitCode === null) npm.kill('SIGKILL');
    rmSync(directory, { recursive: true, force: true });
  });

  it('runs the built gateway as npm\'s own child, which SIGTERM sent to npm stops gracefully with exit 0', async () => {
    npm = spawn('npm', ['start'], {
      cwd: PACKAGE_ROOT, stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? directory, PORT: '0', LOG_LEVEL: 'info', DATABASE_URL: `sqlite:${join(directory, 'g.sqlite')}`, ...TENANT_ENV },
    });
    let log = '';
    npm.stderr!.on('data', (chunk: Buffer) => { log += chunk.toString(); });
    let stdout = '';
    npm.stdout!.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    const exited = new Promise<number | null>((resolve) => npm!.once('exit', (code) => resolve(code)));
    while (!log.includes('"gateway.listening"')) {
      if (npm.exitCode !== null) throw new Error(`npm start exited ${npm.exitCode}:\n${stdout}\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(stdout, 'no compile step before the gateway starts').to.not.match(/\btsc\b/);
    const { port } = (JSON.parse(log.split('\n').find((line) => line.includes('"gateway.listening"'))!) as { address: { port: number } }).address;
    expect((await fetch(`http://127.0.0.1:${port}/beta/`)).status).to.equal(200);
    // `exec` in the start script: npm's child is node running dist/main.js, not a shell that would swallow the signal.
    started = childrenOf(npm.pid!).flatMap((pid) => [pid, ...childrenOf(pid)]);
    const [gatewayPid, ...others] = childrenOf(npm.pid!);
    expect(others).to.deep.equal([]);
    expect(readFileSync(`/proc/${gatewayPid}/cmdline`, 'utf8').split('\0')).to.include('dist/main.js');
    npm.kill('SIGTERM');
    expect(await exited).to.equal(0);
    expect(log).to.match(/"event":"gateway\.stopping","signal":"SIGTERM"/);
    expect(isAlive(gatewayPid), 'the gateway process is gone, not orphaned').to.equal(false);
  });
});
