// The service process: `npm start`'s entry point serves on its own, and a bad CSDL or config stops it with a message.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/config/gateway-config';
import { temporaryDirectory, writeVariantCsdl } from '../support/test-gateway';

const MAIN = join(PACKAGE_ROOT, 'dist', 'main.js');

interface Exit { readonly code: number | null; readonly stderr: string }

function runMain(cwd: string, env: Record<string, string>, untilListening = false): Promise<Exit & { kill?: () => Promise<Exit> }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const exited = new Promise<Exit>((done) => child.on('exit', (code) => done({ code, stderr })));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (untilListening && stderr.includes('gateway.listening')) {
        resolve({ code: null, stderr, kill: () => { child.kill('SIGTERM'); return exited; } });
      }
    });
    void exited.then(resolve);
  });
}

describe('the service process', () => {
  const directory = temporaryDirectory();
  after(() => rmSync(directory, { recursive: true, force: true }));

  it('exits 1 naming the file, element and reason when the CSDL uses an unsupported type', async () => {
    const csdlFile = writeVariantCsdl(directory, (xml) => xml.replace('<Property Name="roleId" Type="Edm.String"/>', '<Property Name="roleId" Type="Edm.Stream"/>'));
    const exit = await runMain(directory, { CSDL_FILE: csdlFile, DATABASE_URL: `sqlite:${join(directory, 'a.sqlite')}` });
    expect(exit.code).to.equal(1);
    expect(exit.stderr).to.contain(csdlFile).and.contain("Property 'roleId'").and.contain("type 'Edm.Stream' is not supported");
  });

  it('exits 1 listing every configuration problem', async () => {
    const exit = await runMain(directory, { PORT: 'x', DATABASE_URL: 'oracle://db' });
    expect(exit.code).to.equal(1);
    expect(exit.stderr).to.contain('PORT').and.contain('DATABASE_URL');
  });

  it('reports a start-up failure as one JSON line, and a bad PORT without a PUBLIC_URL problem the user never set', async () => {
    const exit = await runMain(directory, { PORT: 'abc', PUBLIC_URL: '' });
    expect(exit.code).to.equal(1);
    const lines = exit.stderr.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include({ level: 'error', event: 'gateway.start-failed', error: 'ConfigError' });
    expect(lines[0].problems).to.deep.equal(["PORT 'abc' must be an integer from 0 to 65535"]);
  });

  it('serves /beta/ on the configured port and exits 0 on SIGTERM', async () => {
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const running = await runMain(directory, { PORT: port, DATABASE_URL: `sqlite:${join(directory, 'b.sqlite')}`, LOG_LEVEL: 'info' }, true);
    const response = await fetch(`http://127.0.0.1:${port}/beta/`);
    expect(response.status).to.equal(200);
    expect((await response.json() as Record<string, unknown>)['@odata.context']).to.equal(`http://127.0.0.1:${port}/beta/$metadata`);
    expect((await running.kill!()).code).to.equal(0);
  });
});
