// The ChangeTracking claim's checks against a CSDL whose change-tracked set is deletable: its deletes come as tombstones.
import { rmSync } from 'node:fs';
import { readCsdl } from '../../src/model/read-csdl';
import { withDeletableSet } from '../metadata/csdl-variants';
import { temporaryDirectory, TEST_ENGINES, writeVariantCsdl } from '../support/test-gateway';
import { startClaimGateway, type ClaimGateway } from './claim-fixture';
import { annotationOf } from './claims';
import { changeTracking } from './select-search-claims';

for (const engine of TEST_ENGINES) describe(`ChangeTracking on a deletable set holds on ${engine}`, () => {
  const directory = temporaryDirectory();
  const csdl = writeVariantCsdl(directory, withDeletableSet);
  const model = readCsdl(csdl);
  let context: ClaimGateway | undefined;
  before(async function () {
    context = await startClaimGateway(engine, { skip: () => this.skip(), env: { CSDL_FILE: csdl } });
  });
  after(async () => {
    await context?.gateway.dispose();
    rmSync(directory, { recursive: true, force: true });
  });

  for (const { title, run } of changeTracking.checks(annotationOf(model, changeTracking))) it(title, () => run(context!));
});
