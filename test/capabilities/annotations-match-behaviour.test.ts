// Each Capabilities claim of metadata/graph-beta.xml, read from the model, checked against a running gateway on both engines.
import { expect } from 'chai';
import { DEFAULTS } from '../../src/config/gateway-config';
import { readCsdl } from '../../src/model/read-csdl';
import type { Annotations } from '../../src/model/service-model';
import { TEST_ENGINES } from '../support/test-gateway';
import { CLAIMS, NOT_HTTP_CLAIMS } from './all-claims';
import { startClaimGateway, type ClaimGateway } from './claim-fixture';
import { describeWithSharedOdataFile } from '../support/shared-odata-dir';
import { annotationOf, CAPABILITIES_VOCABULARY, type ClaimTarget } from './claims';

const model = readCsdl(DEFAULTS.CSDL_FILE);

/** Annotated terms, and members of record values, that no claim check reads. */
function uncheckedAnnotations(): string[] {
  const targets: [ClaimTarget, Annotations][] = [['EntityContainer', model.containerAnnotations], ['EntitySet', model.entitySets[0].annotations]];
  return targets.flatMap(([target, annotations]) => Object.entries(annotations).flatMap(([term, value]) => {
    if (term in NOT_HTTP_CLAIMS) return [];
    const claim = CLAIMS.find((candidate) => candidate.term === term && candidate.target === target);
    if (!claim) return [`${target} ${term}`];
    const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : [];
    return record.filter((member) => !claim.members?.includes(member)).map((member) => `${target} ${term}/${member}`);
  }));
}

describe('the annotations on the entity container and entity set', () => {
  it('each have a claim check, down to every record member they set', () => {
    expect(uncheckedAnnotations()).to.deep.equal([]);
  });
});

for (const engine of TEST_ENGINES) describeWithSharedOdataFile(`the annotations of ${model.containerName} hold on ${engine}`, CAPABILITIES_VOCABULARY, () => {
  let reader: ClaimGateway | undefined;
  let writer: ClaimGateway | undefined;
  before(async function () {
    reader = await startClaimGateway(engine, { skip: () => this.skip() });
    writer = await startClaimGateway(engine, { skip: () => this.skip() });
    expect(reader.gateway.model.xml, 'the gateway serves the CSDL the checks were read from').to.equal(model.xml);
  });
  after(async () => {
    await reader?.gateway.dispose();
    await writer?.gateway.dispose();
  });

  for (const claim of CLAIMS) {
    const value = annotationOf(model, claim);
    const name = claim.term.slice(claim.term.lastIndexOf('.') + 1);
    describe(`${name} on the ${claim.target}: ${value === undefined ? 'not applied (vocabulary default)' : JSON.stringify(value)}`, () => {
      for (const { title, run } of claim.checks(value)) it(title, () => run(claim.writes ? writer! : reader!));
    });
  }
});
