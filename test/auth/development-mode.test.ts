// Development mode end to end: the real process from dist/main.js, tokens from the token command, create and read.
import { expect } from 'chai';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { statSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PACKAGE_ROOT } from '../../src/config/gateway-config';
import { SEED_EVENT, temporaryDirectory } from '../support/test-gateway';

const MAIN = join(PACKAGE_ROOT, 'dist', 'main.js');
const TOKEN_COMMAND = join(PACKAGE_ROOT, 'dist', 'tools', 'mint-token.js');
const run = promisify(execFile);

/** Only what the process needs: no AUTH_* or HOST from the test runner's environment. */
const baseEnv = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', PORT: '0', ...extra });

interface Running { readonly child: ChildProcess; readonly stderr: () => string; readonly base: string }

function startMain(cwd: string): Promise<Running> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], { cwd, env: baseEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const listening = stderr.split('\n').find((line) => line.includes('"gateway.listening"'));
      if (listening) {
        const { port } = (JSON.parse(listening) as { address: { port: number } }).address;
        resolve({ child, stderr: () => stderr, base: `http://127.0.0.1:${port}/beta` });
      }
    });
  });
}

async function mintToken(cwd: string, as: string | readonly string[], env: Record<string, string> = {}): Promise<string> {
  const args = typeof as === 'string' ? ['--as', as] : as;
  const { stdout } = await run(process.execPath, [TOKEN_COMMAND, ...args], { cwd, env: baseEnv(env) });
  return stdout.trim();
}

describe('development mode (no tenant configured)', () => {
  const directory = temporaryDirectory();
  let running: Running;
  let created: Record<string, unknown>;
  before(async () => { running = await startMain(directory); });
  after(async () => {
    running.child.removeAllListeners('exit');
    const exited = new Promise((resolve) => running.child.once('exit', resolve));
    running.child.kill('SIGTERM');
    await exited;
    rmSync(directory, { recursive: true, force: true });
  });

  const call = (method: string, path: string, token: string, body?: unknown) => fetch(`${running.base}${path}`, {
    method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

  it('says at start-up, as a warning, that it runs in development mode', () => {
    const warning = running.stderr().split('\n').find((line) => line.includes('"auth.development-mode"'));
    expect(JSON.parse(warning!)).to.include({ level: 'warn' });
  });

  it('keeps its signing key under ./data, readable by its owner only', () => {
    expect(statSync(join(directory, 'data', 'dev-signing-key.json')).mode & 0o077).to.equal(0);
  });

  it('creates an event with a token minted for the Access Reviews caller', async () => {
    const response = await call('POST', '/privilegedOperationEvents', await mintToken(directory, 'access-reviews'), SEED_EVENT);
    expect(response.status).to.equal(201);
    created = await response.json() as Record<string, unknown>;
  });

  it('reads the event with a token minted for a reader', async () => {
    const response = await call('GET', `/privilegedOperationEvents('${created.id}')`, await mintToken(directory, 'reader'));
    expect(await response.json()).to.deep.equal(created);
  });

  it('reads the event as a signed-in Security Reader with the delegated scope (--scope, --wids)', async () => {
    const token = await mintToken(directory, ['--scope', 'Directory.AccessAsUser.All', '--wids', 'Security Reader']);
    expect((await call('GET', `/privilegedOperationEvents('${created.id}')`, token)).status).to.equal(200);
  });

  it('answers 403 to the delegated scope without a directory role', async () => {
    const token = await mintToken(directory, ['--scope', 'Directory.AccessAsUser.All']);
    expect((await call('GET', `/privilegedOperationEvents('${created.id}')`, token)).status).to.equal(403);
  });

  it('prints the permission table with --list', async () => {
    const { stdout } = await run(process.execPath, [TOKEN_COMMAND, '--list'], { cwd: directory, env: baseEnv() });
    expect(stdout).to.contain('| `privilegedOperationEvents` | create | `PrivilegedOperationEvent.Create`');
  });

  it('answers 403 when a reader token creates', async () => {
    const response = await call('POST', '/privilegedOperationEvents', await mintToken(directory, 'reader'), SEED_EVENT);
    expect(response.status).to.equal(403);
  });

  it('refuses to mint a token when a tenant is configured', async () => {
    const minting = mintToken(directory, 'access-reviews', {
      AUTH_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47', AUTH_AUDIENCES: 'api://events', AUTH_CREATOR_APP_IDS: '72f988bf-86f1-41af-91ab-2d7cd011db48',
    });
    const failure = await minting.then(() => undefined, (error: { code?: number; stderr?: string }) => error);
    expect(failure).to.include({ code: 1 }).and.have.property('stderr').that.contains('AUTH_TENANT_ID');
  });

  it('refuses to start on a non-loopback HOST', async () => {
    const other = temporaryDirectory();
    try {
      const child = spawn(process.execPath, [MAIN], { cwd: other, env: baseEnv({ HOST: '0.0.0.0' }), stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
      const code = await new Promise((resolve) => child.once('exit', resolve));
      expect([code, stderr.includes("HOST '0.0.0.0' is not a loopback address")]).to.deep.equal([1, true]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
