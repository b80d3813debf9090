// The package as a user gets it: npm pack, the tarball in a temporary Express 5 host with its own routes and a global
// express.json(), mounted at /graph/beta and /beta; and a TypeScript host compiled with tsc --strict against its types.
import { expect } from 'chai';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEED_EVENT } from '../support/test-gateway';
import { installPackedPackage, type PackedHost } from '../support/packed-host';
import { REPO_ROOT } from '../support/shared-odata-dir';

const ORIGIN = 'https://api.contoso.test';
const SOURCES = join(REPO_ROOT, 'test', 'package');

interface Line { readonly port?: number; readonly closed?: boolean; readonly walLeft?: boolean }

function startHost(directory: string): Promise<{ child: ChildProcess; port: number; next: () => Promise<Line> }> {
  const child = spawn(process.execPath, ['host-app.mjs'], { cwd: directory, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } });
  const lines: Line[] = [];
  const waiting: ((line: Line) => void)[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      const line = JSON.parse(buffered.slice(0, end)) as Line;
      buffered = buffered.slice(end + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(line); else lines.push(line);
    }
  });
  const next = () => new Promise<Line>((resolve, reject) => {
    const line = lines.shift();
    if (line) return resolve(line);
    waiting.push(resolve);
    child.once('exit', (code) => reject(new Error(`host exited ${code}:\n${stderr}`)));
  });
  return next().then((line) => ({ child, port: line.port!, next }));
}

describe('the packed package in a host application', function () {
  this.timeout(120_000);
  const directory = mkdtempSync(join(tmpdir(), 'gateway-host-'));
  let host: PackedHost;
  let running: Awaited<ReturnType<typeof startHost>> | undefined;
  let base: string;
  let token: string;
  before(async () => {
    host = installPackedPackage(directory, ['@types/express', '@types/node']);
    copyFileSync(join(SOURCES, 'host-app.mjs.txt'), join(directory, 'host-app.mjs'));
    running = await startHost(directory);
    base = `http://127.0.0.1:${running.port}`;
    // The token command from the package's bin, in the host's directory (development mode keeps its key there).
    token = execFileSync(process.execPath, [join(host.installed, 'dist', 'tools', 'mint-token.js'), '--as', 'access-reviews', '--all-roles'], {
      cwd: directory, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' },
    }).trim();
  });
  after(() => {
    if (running?.child.exitCode === null) running.child.kill('SIGKILL');
    rmSync(directory, { recursive: true, force: true });
  });

  const call = (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, {
    ...init, headers: { Authorization: `Bearer ${token}`, ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
  });

  it('ships only the built code, metadata, README and LICENSE', () => {
    const outside = host.files.filter((file) => !/^(dist\/.+\.(js|d\.ts)|metadata\/.+|README\.md|LICENSE|package\.json)$/.test(file));
    expect(outside).to.deep.equal([]);
    expect(host.files).to.include.members(['dist/index.js', 'dist/index.d.ts', 'dist/main.js', 'dist/tools/mint-token.js', 'dist/tools/write-openapi.js', 'metadata/graph-beta.xml',
      'metadata/vocabularies/Gateway.Storage.V1.xml']);
    expect(host.files.filter((file) => /test|bench/.test(file))).to.deep.equal([]);
  });

  it('loads with require() too (the host above uses import)', () => {
    const exported = execFileSync(process.execPath, ['-e', "const m = require('graph-odata-gateway'); console.log(typeof m.createODataGateway, typeof m.GraphError, Object.keys(m).includes('createStandaloneApp'))"], {
      cwd: directory, encoding: 'utf8',
    });
    expect(exported.trim()).to.equal('function function false');
  });

  for (const mount of ['/graph/beta', '/beta']) {
    it(`creates at ${mount}: 201 with Location and context under the mount path, then reads it`, async () => {
      const created = await call(`${mount}/privilegedOperationEvents`, { method: 'POST', body: JSON.stringify(SEED_EVENT) });
      const body = await created.json() as Record<string, string>;
      expect(created.status, JSON.stringify(body)).to.equal(201);
      expect(created.headers.get('location')).to.equal(`${ORIGIN}${mount}/privilegedOperationEvents('${body.id}')`);
      expect(body['@odata.context']).to.equal(`${ORIGIN}${mount}/$metadata#privilegedOperationEvents/$entity`);
      const read = await call(`${mount}/privilegedOperationEvents('${body.id}')`);
      expect(read.status).to.equal(200);
      expect(await read.json()).to.deep.equal(body);
    });

    it(`pages the collection at ${mount} with @odata.nextLink under the mount path`, async () => {
      await call(`${mount}/privilegedOperationEvents`, { method: 'POST', body: JSON.stringify(SEED_EVENT) });
      const page = await (await call(`${mount}/privilegedOperationEvents`)).json() as Record<string, string>;
      expect(page['@odata.nextLink']).to.match(new RegExp(`^${ORIGIN.replace(/\./g, '\\.')}${mount}/privilegedOperationEvents\\?\\$skiptoken=`));
      expect((await call(page['@odata.nextLink'].slice(ORIGIN.length))).status).to.equal(200);
    });
  }

  it('refuses a create without a token (the real bearer policy in development mode)', async () => {
    const response = await fetch(`${base}/beta/privilegedOperationEvents`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(response.status).to.equal(401);
  });

  it('leaves the host\'s routes before and after the mount, its readiness route and its 404', async () => {
    expect(await (await fetch(`${base}/health`)).text()).to.equal('host ok');
    expect(await (await fetch(`${base}/after`)).text()).to.equal('host after');
    expect(await (await fetch(`${base}/readyz`)).json()).to.deep.equal({ status: 'ready' });
    const outside = await fetch(`${base}/graph/alpha`);
    expect([outside.status, await outside.text()]).to.deep.equal([404, 'host 404']);
  });

  it('releases the database on close()', async () => {
    running!.child.kill('SIGTERM');
    expect(await running!.next()).to.deep.equal({ closed: true, walLeft: false });
  });

  it('compiles a TypeScript host with tsc --strict against the shipped declarations, and refuses a wrong option', () => {
    const source = readFileSync(join(SOURCES, 'host-app.ts.txt'), 'utf8');
    writeFileSync(join(directory, 'host.ts'), source);
    writeFileSync(join(directory, 'wrong.ts'), source.replace('poolSize: 20', "poolSize: '20'"));
    writeFileSync(join(directory, 'package.json'), JSON.stringify({ name: 'host-app', private: true, type: 'commonjs' }));
    const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    let output = '';
    try {
      // skipLibCheck: the host's own choice; the package's declarations are still what the host's code is checked against.
      execFileSync(process.execPath, [tsc, '--strict', '--noEmit', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext',
        '--target', 'es2022', '--types', 'node', 'host.ts', 'wrong.ts'], { cwd: directory, encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout);
    }
    const errors = output.split('\n').filter((line) => line.includes('error TS'));
    expect(errors).to.have.lengthOf(1);
    expect(errors[0]).to.match(/^wrong\.ts\(\d+,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/);
  });
});
