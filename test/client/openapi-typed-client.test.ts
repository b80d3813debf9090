// A typed client from the served $openapi, as a TypeScript user builds one: openapi-typescript generates types
// from the document (3.0 and 3.1), they compile with `tsc --strict` together with openapi-fetch calls, and those
// calls create, read, list and batch against the real server process with real development tokens. Every answer,
// the 404, 400, 401 and 403 included, validates against the document's response for its operation and status (ajv).
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/shared-odata-dir';
import { developmentToken, startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { responseValidator, type LiveAnswer } from '../support/openapi-response-validator';

const OPENAPI_TYPESCRIPT = join(REPO_ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
const TSC = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const CALLS = join(REPO_ROOT, 'test', 'client', 'typed-client', 'openapi-fetch-calls.ts.txt');
const VERSIONS = ['3.0', '3.1'] as const;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Exercise = (baseUrl: string, writerToken: string, readerToken: string) => Promise<LiveAnswer[]>;

describe('a typed client from $openapi (openapi-typescript, openapi-fetch) against the running server', function () {
  this.timeout(120_000);
  // Inside the repository, so that the compiled client resolves openapi-fetch from its node_modules.
  mkdirSync(join(REPO_ROOT, 'dist-test'), { recursive: true });
  const directory = mkdtempSync(join(REPO_ROOT, 'dist-test', 'typed-client-'));
  let gateway: GatewayProcess;
  let tokens: [string, string];
  const documents = new Map<string, Json>();
  before(async () => {
    gateway = await startGatewayProcess(directory, { DATABASE_URL: `sqlite:${join(directory, 'gateway.sqlite')}` });
    tokens = [await developmentToken(directory, 'access-reviews', true), await developmentToken(directory, 'reader')];
    for (const version of VERSIONS) {
      const document = await (await fetch(`${gateway.origin}/beta/$openapi?version=${version}`)).json() as Json;
      documents.set(version, document);
      const folder = join(directory, `v${version}`);
      mkdirSync(folder);
      writeFileSync(join(folder, 'openapi.json'), JSON.stringify(document));
      execFileSync(process.execPath, [OPENAPI_TYPESCRIPT, join(folder, 'openapi.json'), '-o', join(folder, 'openapi.ts')], { stdio: 'pipe' });
      copyFileSync(CALLS, join(folder, 'calls.ts'));
    }
  });
  after(async () => {
    await gateway?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('the generated types and the calls compile with tsc --strict (3.0 and 3.1)', () => {
    const files = VERSIONS.flatMap((version) => [join(directory, `v${version}`, 'openapi.ts'), join(directory, `v${version}`, 'calls.ts')]);
    const args = ['--strict', '--target', 'ES2022', '--module', 'node16', '--moduleResolution', 'node16', '--types', 'node',
      '--esModuleInterop', '--skipLibCheck', '--noUnusedLocals', '--exactOptionalPropertyTypes', ...files];
    try {
      execFileSync(process.execPath, [TSC, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
    } catch (error) {
      throw new Error(`tsc --strict failed:\n${(error as { stdout?: string }).stdout ?? String(error)}`);
    }
  });

  for (const version of VERSIONS) {
    it(`creates, reads, lists and batches through openapi-fetch; every answer validates against the ${version} document`, async () => {
      const { exercise } = require(join(directory, `v${version}`, 'calls.js')) as { exercise: Exercise }; // eslint-disable-line @typescript-eslint/no-require-imports
      const answers = await exercise(`${gateway.origin}/beta`, ...tokens);
      expect(answers.map((answer) => answer.status)).to.deep.equal([201, 204, 200, 200, 200, 404, 400, 401, 403]);
      const validate = responseValidator(documents.get(version)!);
      for (const answer of answers) expect(validate(answer), `${answer.method} ${answer.path} ${answer.status}: ${JSON.stringify(answer.body)}`).to.deep.equal([]);
    });
  }

  it('the validator is not blind: a body or header the document does not describe fails', () => {
    const validate = responseValidator(documents.get('3.1')!);
    const base = { method: 'get', path: '/privilegedOperationEvents/{id}', status: 404, headers: { 'content-type': 'application/json', 'request-id': 'x' } };
    expect(validate({ ...base, body: { error: { code: 'notFound', message: 'm', innerError: { date: '2026-01-02T03:04:05' } } } })).to.deep.equal([]);
    expect(validate({ ...base, body: { error: { message: 'no code' } } })).to.have.length.greaterThan(0);
    expect(validate({ ...base, body: { error: { code: 'c', message: 'm', innerError: { date: '2026-01-02T03:04:05Z' } } } }), 'date as Graph sends it').to.have.length(1);
    expect(validate({ ...base, headers: { ...base.headers, etag: '"t"' }, body: { error: { code: 'c', message: 'm' } } })).to.deep.equal(['header etag is sent but not described']);
    expect(validate({ ...base, headers: { 'content-type': 'application/json' }, body: { error: { code: 'c', message: 'm' } } })).to.deep.equal(['required header request-id is missing']);
    expect(validate({ ...base, method: 'delete', body: {} })).to.deep.equal(['delete /privilegedOperationEvents/{id} is not in the document']);
  });
});
