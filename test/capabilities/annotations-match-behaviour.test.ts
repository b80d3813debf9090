// Each Capabilities claim of metadata/graph-beta.xml, read from the model, checked against a running gateway on both engines.
import { expect } from 'chai';
import { DEFAULTS } from '../../src/config/gateway-config';
import { readCsdl } from '../../src/model/read-csdl';
import type { Annotations } from '../../src/model/service-model';
import { TEST_ENGINES } from '../support/test-gateway';
import { CLAIMS, NOT_HTTP_CLAIMS } from './all-claims';
import { startClaimGateway, startGuardedClaimGateway, type ClaimGateway } from './claim-fixture';
import { describeWithSharedOdataFile } from '../support/shared-odata-dir';
import { annotationOf, CAPABILITIES_VOCABULARY, type ClaimTarget } from './claims';

const model = readCsdl(DEFAULTS.CSDL_FILE);

/** Annotated terms, and members of record values, that no claim check reads. */
function uncheckedAnnotations(): string[] {
  const targets: [ClaimTarget, Annotations][] = [['EntityContainer', model.containerAnnotations], ['EntitySet', model.entitySets[0].annotations]];
  return targets.flatMap(([target, annotations]) => Object.entries(annotations).flatMap(([term, value]) => {
    if (term in NOT_HTTP_CLAIMS) return [];
    const claims = CLAIMS.filter((candidate) => candidate.term === term && candidate.target === target);
    if (claims.length === 0) return [`${target} ${term}`];
    const checked = new Set(claims.flatMap((claim) => [...(claim.members ?? []), ...(claim.prose ?? [])]));
    return memberPaths(value, '').filter((member) => !checked.has(member)).map((member) => `${target} ${term}/${member}`);
  }));
}

/**
 * The members a record value sets, at any depth (`Permissions/Scopes/Scope`), through collections; expression members
 * (`$PropertyPath`…) are values, not members.
 */
function memberPaths(value: unknown, prefix: string): string[] {
  if (Array.isArray(value)) return [...new Set(value.flatMap((item) => memberPaths(item, prefix)))];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).filter(([member]) => !member.startsWith('$'))
    .flatMap(([member, item]) => [`${prefix}${member}`, ...memberPaths(item, `${prefix}${member}/`)]);
}

describe('the annotations on the entity container and entity set', () => {
  it('each have a claim check, down to every record member they set', () => {
    expect(uncheckedAnnotations()).to.deep.equal([]);
  });
});

for (const engine of TEST_ENGINES) describeWithSharedOdataFile(`the annotations of ${model.containerName} hold on ${engine}`, CAPABILITIES_VOCABULARY, () => {
  let reader: ClaimGateway | undefined;
  let writer: ClaimGateway | undefined;
  let guarded: Awaited<ReturnType<typeof startGuardedClaimGateway>> | undefined;
  before(async function () {
    reader = await startClaimGateway(engine, { skip: () => this.skip() });
    writer = await startClaimGateway(engine, { skip: () => this.skip() });
    guarded = await startGuardedClaimGateway(engine, () => this.skip());
    expect(reader.gateway.model.xml, 'the gateway serves the CSDL the checks were read from').to.equal(model.xml);
  });
  after(async () => {
    await reader?.gateway.dispose();
    await writer?.gateway.dispose();
    await guarded?.close();
  });

  for (const claim of CLAIMS) {
    const value = annotationOf(model, claim);
    const name = claim.term.slice(claim.term.lastIndexOf('.') + 1);
    describe(`${name} on the ${claim.target}: ${value === undefined ? 'not applied (vocabulary default)' : JSON.stringify(value)}`, () => {
      for (const { title, run } of claim.checks(value)) it(title, () => run(claim.guarded ? guarded! : claim.writes ? writer! : reader!));
    });
  }
});
