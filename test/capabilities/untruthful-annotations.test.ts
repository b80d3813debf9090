// The claim checks catch an annotation changed in the CSDL while the behaviour stays: each variant makes some check fail.
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { elementText, readVariantModel, replaceOnce, shippedCsdlXml, shippedPermissions } from '../metadata/csdl-variants';
import { temporaryDirectory, writeVariantCsdl } from '../support/test-gateway';
import { CLAIMS } from './all-claims';
import { startClaimGateway, startGuardedClaimGateway } from './claim-fixture';
import { describeWithSharedOdataFile } from '../support/shared-odata-dir';
import { annotationOf, capability, CAPABILITIES_VOCABULARY } from './claims';

interface Variant {
  readonly what: string;
  readonly term: string;
  readonly edit: readonly [search: string, replacement: string];
}

const flip = (element: string, from: string, to: string): Variant['edit'] => [element, element.replace(from, to)];
const tag = (term: string, from: string, to: string) => flip(`<Annotation Term="Capabilities.${term}" Bool="${from}"/>`, from, to);
const member = (property: string, from: string, to: string) => flip(`<PropertyValue Property="${property}" Bool="${from}"/>`, from, to);
/** An empty NonFilterableProperties or NonSortableProperties made to name userName. */
const naming = (property: string): Variant['edit'] => [
  `<PropertyValue Property="${property}">\n                <Collection/>`,
  `<PropertyValue Property="${property}"><Collection><PropertyPath>userName</PropertyPath></Collection>`,
];
const NONE_FORMAT = '<String>application/json;odata.metadata=none';

/**
 * Annotations that no code path reads: changing one changes what $metadata says, not what the service does.
 * (ChangeTracking is not among them: delta query is built from it, so its behaviour follows any change.)
 */
const VARIANTS: readonly Variant[] = [
  { what: 'ConformanceLevel Advanced', term: 'ConformanceLevel', edit: ['ConformanceLevelType/Intermediate', 'ConformanceLevelType/Advanced'] },
  { what: 'SupportedFormats with application/xml', term: 'SupportedFormats', edit: [NONE_FORMAT, `<String>application/xml</String>${NONE_FORMAT}`] },
  { what: 'BatchSupported=false', term: 'BatchSupported', edit: tag('BatchSupported', 'true', 'false') },
  { what: 'BatchSupport ContinueOnErrorSupported=false', term: 'BatchSupport', edit: member('ContinueOnErrorSupported', 'true', 'false') },
  { what: 'BatchSupport ReferencesInRequestBodiesSupported', term: 'BatchSupport', edit: member('ReferencesInRequestBodiesSupported', 'false', 'true') },
  { what: 'BatchSupport ReferencesAcrossChangeSetsSupported=false', term: 'BatchSupport', edit: member('ReferencesAcrossChangeSetsSupported', 'true', 'false') },
  { what: 'BatchSupport RequestDependencyConditionsSupported', term: 'BatchSupport', edit: member('RequestDependencyConditionsSupported', 'false', 'true') },
  { what: 'BatchSupport SupportedFormats without multipart/mixed', term: 'BatchSupport', edit: ['<String>multipart/mixed</String>', ''] },
  { what: 'KeyAsSegmentSupported=false', term: 'KeyAsSegmentSupported', edit: tag('KeyAsSegmentSupported', 'true', 'false') },
  { what: 'AsynchronousRequestsSupported', term: 'AsynchronousRequestsSupported', edit: tag('AsynchronousRequestsSupported', 'false', 'true') },
  { what: 'FilterFunctions without trim', term: 'FilterFunctions', edit: ['<String>trim</String>', ''] },
  { what: 'FilterFunctions with round', term: 'FilterFunctions', edit: ['<String>now</String>', '<String>now</String><String>round</String>'] },
  { what: 'NonFilterableProperties naming userName', term: 'FilterRestrictions', edit: naming('NonFilterableProperties') },
  { what: 'NonSortableProperties naming userName', term: 'SortRestrictions', edit: naming('NonSortableProperties') },
  { what: 'Countable=false', term: 'CountRestrictions', edit: member('Countable', 'true', 'false') },
  { what: 'UnsupportedExpressions without OR', term: 'SearchRestrictions', edit: ['Capabilities.SearchExpressions/OR ', ''] },
  { what: 'SelectSupport Supported=false', term: 'SelectSupport', edit: flip(`<Annotation Term="Capabilities.SelectSupport">
            <Record>
              <PropertyValue Property="Supported" Bool="true"/>`, 'true', 'false') },
  { what: 'TopSupported=false', term: 'TopSupported', edit: tag('TopSupported', 'true', 'false') },
  { what: 'SkipSupported=false', term: 'SkipSupported', edit: tag('SkipSupported', 'true', 'false') },
  { what: 'ComputeSupported', term: 'ComputeSupported', edit: tag('ComputeSupported', 'false', 'true') },
  { what: 'Expandable', term: 'ExpandRestrictions', edit: member('Expandable', 'false', 'true') },
  { what: 'TypecastSegmentSupported', term: 'ReadRestrictions', edit: member('TypecastSegmentSupported', 'false', 'true') },
];

describeWithSharedOdataFile('a Capabilities annotation changed without a change in behaviour', CAPABILITIES_VOCABULARY, () => {
  const directory = temporaryDirectory();
  after(() => rmSync(directory, { recursive: true, force: true }));

  for (const { what, term, edit } of VARIANTS) {
    it(`${what}: a ${term} check fails`, async () => {
      const claim = CLAIMS.find((candidate) => candidate.term === capability(term));
      if (!claim) throw new Error(`no claim checks ${term}`);
      const csdl = writeVariantCsdl(directory, (xml) => replaceOnce(xml, ...edit));
      const context = await startClaimGateway('sqlite', { env: { CSDL_FILE: csdl } });
      try {
        const failures: string[] = [];
        for (const { title, run } of claim.checks(annotationOf(context.gateway.model, claim))) {
          await run(context).then(() => undefined, () => failures.push(title));
        }
        expect(failures, 'every check passed, so the variant annotation would go unnoticed').to.not.be.empty;
      } finally {
        await context.gateway.dispose();
      }
    });
  }
});

/** Permission annotations the gateway would not enforce: read from a variant, checked against the shipped gateway. */
const PERMISSION_VARIANTS: readonly Variant[] = [
  { what: 'a fifth directory role (Directory Readers) for delegated reads', term: 'ReadRestrictions', edit: [
    '<PropertyValue Property="DisplayName" String="Security Reader"/>',
    '<PropertyValue Property="DisplayName" String="Security Reader"/></Record><Record><PropertyValue Property="RoleTemplateId" '
      + 'Guid="88d8e3e3-8f55-4a1e-953a-9b9898b8876b"/><PropertyValue Property="DisplayName" String="Directory Readers"/>'] },
  { what: 'creating without ConfiguredApplicationsOnly', term: 'InsertRestrictions', edit: ['<Annotation Term="GatewayAuth.ConfiguredApplicationsOnly"/>', ''] },
  { what: 'reading without the directory roles', term: 'ReadRestrictions', edit: [
    elementText(shippedCsdlXml(), '<PropertyValue Property="Scope" String="Directory.AccessAsUser.All"/>', '<Annotation Term="GatewayAuth.RequiredDirectoryRoles">'), ''] },
  { what: 'reading without any Permissions', term: 'ReadRestrictions', edit: [shippedPermissions('ReadRestrictions'), ''] },
];

describeWithSharedOdataFile('a permission annotation that the gateway does not enforce', CAPABILITIES_VOCABULARY, () => {
  let context: Awaited<ReturnType<typeof startGuardedClaimGateway>>;
  before(async function () { context = await startGuardedClaimGateway('sqlite', () => this.skip()); });
  after(async () => { await context.close(); });

  for (const { what, term, edit } of PERMISSION_VARIANTS) {
    it(`${what}: a ${term} Permissions check fails`, async () => {
      const variant = readVariantModel(edit);
      const claim = CLAIMS.find((candidate) => candidate.term === capability(term) && candidate.guarded);
      if (!claim) throw new Error(`no permission claim checks ${term}`);
      const failures: string[] = [];
      for (const { title, run } of claim.checks(annotationOf(variant, claim))) {
        await run({ ...context, model: variant }).then(() => undefined, () => failures.push(title));
      }
      expect(failures, 'every check passed, so the variant annotation would go unnoticed').to.not.be.empty;
    });
  }
});
