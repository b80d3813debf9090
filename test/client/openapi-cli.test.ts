// The built `graph-odata-gateway-openapi` command (package.json bin): the same document $openapi serves, from a CSDL
// file, for 3.0 and 3.1, valid (swagger-parser); a precise message and exit code 1 for bad arguments.
import SwaggerParser from '@apidevtools/swagger-parser';
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { updatableWithEntityTags } from '../metadata/csdl-variants';
import { REPO_ROOT } from '../support/shared-odata-dir';
import { SERVICE_ROOT, startTestGateway, writeVariantCsdl, type TestGateway } from '../support/test-gateway';

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
const COMMAND = join(REPO_ROOT, manifest.bin['graph-odata-gateway-openapi']);

function run(args: readonly string[], cwd: string) {
  return spawnSync(process.execPath, [COMMAND, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
}

describe('graph-odata-gateway-openapi (the built CLI)', function () {
  this.timeout(60_000);
  const directory = mkdtempSync(join(tmpdir(), 'openapi-cli-'));
  const csdl = writeVariantCsdl(directory, updatableWithEntityTags);
  let gateway: TestGateway;
  before(async () => { gateway = await startTestGateway({ env: { CSDL_FILE: csdl } }); });
  after(async () => {
    await gateway.dispose();
    rmSync(directory, { recursive: true, force: true });
  });

  for (const [flag, query] of [['3.0', ''], ['3.1', '?version=3.1']] as const) {
    it(`writes exactly the document $openapi${query} serves for the same CSDL and service root (${flag})`, async () => {
      const result = run(['--csdl', csdl, '--openapi', flag, '--service-root', SERVICE_ROOT], directory);
      expect(result.stderr).to.equal('');
      expect(result.status).to.equal(0);
      const written = JSON.parse(result.stdout) as { paths: Record<string, object> };
      const served = (await request(gateway.app).get(`/beta/$openapi${query}`).expect(200)).body as object;
      expect(written).to.deep.equal(served);
      expect(Object.keys(written.paths['/privilegedOperationEvents/{id}'])).to.include.members(['patch', 'delete']);
      await SwaggerParser.validate(written as never);
    });
  }

  it('defaults to the shipped CSDL and 3.0, writes --out, and refuses bad arguments with exit code 1', () => {
    const out = join(directory, 'openapi.json');
    expect(run(['--out', out], directory).status).to.equal(0);
    const document = JSON.parse(readFileSync(out, 'utf8')) as { openapi: string; servers: { url: string }[]; paths: Record<string, object> };
    expect(document.openapi).to.equal('3.0.2');
    expect(document.servers[0].url).to.equal('http://localhost:8080/beta');
    expect(Object.keys(document.paths['/privilegedOperationEvents/{id}'])).to.not.include('patch');
    const version = run(['--openapi', '2.0'], directory);
    expect([version.status, version.stderr]).to.deep.equal([1, `openapi: --openapi '2.0' is not 3.0 or 3.1\n${run(['--help'], directory).stdout}`]);
    const missing = run(['--csdl', join(directory, 'none.xml')], directory);
    expect(missing.status).to.equal(1);
    expect(missing.stderr).to.match(/^openapi: .*none\.xml.*cannot be read/);
    expect(run(['--service-root', 'ftp://x'], directory).stderr).to.equal("openapi: --service-root 'ftp://x' is not an http(s) URL\n");
    expect(run(['--colour'], directory).status).to.equal(1);
  });
});
