// A real multipart OData client: the SAP Cloud SDK (@sap-cloud-sdk/odata-v4) with the client its generator writes from
// our $metadata (committed under test/client/sap-cloud-sdk/, checked against a fresh generation here), sending
// batch() with a change set of creates and a read over HTTP, and a change set that fails and writes nothing.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { startListeningGateway, type ListeningGateway } from '../support/client-gateway';
import { REPO_ROOT } from '../support/shared-odata-dir';
import { SEED_EVENT } from '../support/test-gateway';
import { graphService } from './sap-cloud-sdk/GraphService';

const COMMITTED = join(REPO_ROOT, 'test', 'client', 'sap-cloud-sdk', 'GraphService');
const GENERATOR = join(REPO_ROOT, 'node_modules', '@sap-cloud-sdk', 'generator', 'dist', 'cli.js');
/** The generator stamps the current year in each file's copyright line; the rest must be byte for byte the same. */
const withoutYear = (text: string) => text.replace(/Copyright \(c\) \d{4} SAP SE/, 'Copyright (c) YEAR SAP SE');

function generate(input: string, output: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [GENERATOR, '-i', input, '-o', output, '--skipValidation', '--overwrite'], { timeout: 120_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stdout}\n${stderr}`)) : resolve(stdout)));
  });
}

describe('the SAP Cloud SDK (odata-v4) batch() against $batch as multipart/mixed', function () {
  this.timeout(60_000);
  let service: ListeningGateway;
  const { privilegedOperationEventsApi: api, batch, changeset } = graphService();
  before(async () => { service = await startListeningGateway(); });
  after(async () => { await service?.close(); });

  it('the committed client is what @sap-cloud-sdk/generator writes from GET /beta/$metadata', async function () {
    this.timeout(180_000);
    const directory = mkdtempSync(join(tmpdir(), 'sap-generator-'));
    try {
      mkdirSync(join(directory, 'in'));
      const metadata = await (await fetch(`${service.serviceRoot}/$metadata`)).text();
      writeFileSync(join(directory, 'in', 'GraphService.edmx'), metadata);
      await generate(join(directory, 'in'), join(directory, 'out'));
      const fresh = join(directory, 'out', 'GraphService');
      expect(readdirSync(fresh).sort()).to.deep.equal(readdirSync(COMMITTED).sort());
      for (const file of readdirSync(fresh)) {
        expect(withoutYear(readFileSync(join(COMMITTED, file), 'utf8')), `${file}: regenerate with npm run generate:sap-client`)
          .to.equal(withoutYear(readFileSync(join(fresh, file), 'utf8')));
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('sends a change set of two creates and a read; each answer is what the SDK expects', async () => {
    const rows = await service.gateway.countEvents();
    const first = api.entityBuilder().fromJson({ ...SEED_EVENT, userName: 'sap one' });
    const second = api.entityBuilder().fromJson({ ...SEED_EVENT, userName: 'sap two' });
    const [changes, read] = await batch(
      changeset(api.requestBuilder().create(first), api.requestBuilder().create(second)),
      api.requestBuilder().getAll().filter(api.schema.USER_NAME.equals('sap two')),
    ).skipCsrfTokenFetching().execute({ url: service.serviceRoot });
    expect(changes!.isWriteResponses(), JSON.stringify(changes)).to.equal(true);
    if (!changes!.isWriteResponses()) return;
    expect(changes.responses.map((response) => response.httpCode)).to.deep.equal([201, 201]);
    const created = changes.responses.map((response) => response.as!(api));
    expect(created.map((entity) => entity.userName)).to.deep.equal(['sap one', 'sap two']);
    expect(created[0]!.id).to.be.a('string').and.not.equal(created[1]!.id);
    expect(read!.isReadResponse(), JSON.stringify(read)).to.equal(true);
    if (!read!.isReadResponse()) return;
    expect(read.as(api).map((entity) => entity.id), 'the read ran after the change set').to.deep.equal([created[1]!.id]);
    expect(await service.gateway.countEvents()).to.equal(rows + 2);
  });

  it('gets the failing request\'s error for a change set that fails, and nothing of it is stored', async () => {
    const rows = await service.gateway.countEvents();
    const good = api.entityBuilder().fromJson({ ...SEED_EVENT, userName: 'rolled back' });
    const bad = api.entityBuilder().fromJson({ ...SEED_EVENT, notAProperty: 1 });
    const [answer] = await batch(changeset(api.requestBuilder().create(good), api.requestBuilder().create(bad)))
      .skipCsrfTokenFetching().execute({ url: service.serviceRoot });
    expect(answer!.isError(), JSON.stringify(answer)).to.equal(true);
    if (!answer!.isError()) return;
    expect(answer.httpCode).to.be.within(400, 499);
    expect(answer.body.error.code).to.be.a('string');
    expect(await service.gateway.countEvents(), 'the first create was rolled back').to.equal(rows);
  });
});
