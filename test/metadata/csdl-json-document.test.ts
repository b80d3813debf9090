// The CSDL JSON document generated from the model: valid against the OASIS JSON schema, equal to the golden file.
// After an intended change: `npx tsc -p . && UPDATE_GOLDEN=1 npx mocha --no-config dist-test/test/metadata/csdl-json-document.test.js`
// rewrites the golden file; review its diff before committing. Without UPDATE_GOLDEN=1 any difference fails.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toCsdlJson } from '../../src/odata/csdl-json-document';
import { validateCsdlJson } from '../support/csdl-validation';
import { REPO_ROOT } from '../support/shared-odata-dir';
import { readShippedModel, readVariantModel } from './csdl-variants';

const GOLDEN_FILE = join(REPO_ROOT, 'test', 'fixtures', 'csdl', 'graph-beta.golden.json');

type JsonObject = Record<string, Record<string, Record<string, unknown>>>;

describe('CSDL JSON document', () => {
  const document = toCsdlJson(readShippedModel());
  const schema = (document as JsonObject)['microsoft.graph'];

  it('is valid against the OASIS CSDL JSON schema', () => {
    expect(validateCsdlJson(document)).to.deep.equal([]);
  });

  it('is refused by the JSON schema check when a facet has the wrong type', () => {
    const broken = structuredClone(document) as JsonObject;
    broken['microsoft.graph'].privilegedOperationEvent.roleName = { $Nullable: 'yes' };
    expect(validateCsdlJson(broken)).to.include('/microsoft.graph/privilegedOperationEvent/roleName/$Nullable must be boolean');
  });

  it('equals test/fixtures/csdl/graph-beta.golden.json, byte for byte', () => {
    const text = `${JSON.stringify(document, null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN_FILE, text);
    expect(text).to.equal(readFileSync(GOLDEN_FILE, 'utf8'));
  });

  it('names the entity container by its namespace-qualified name', () => {
    expect(document).to.have.property('$EntityContainer', 'microsoft.graph.GraphService');
  });

  it('describes inherited properties only on the base type that declares them', () => {
    expect(schema.entity).to.have.property('id');
    expect(schema.privilegedOperationEvent).to.not.have.property('id');
    expect(schema.privilegedOperationEvent).to.have.property('$BaseType', 'microsoft.graph.entity');
  });

  it('declares the key only on the type that declares it', () => {
    expect(schema.entity).to.have.deep.property('$Key', ['id']);
    expect(schema.privilegedOperationEvent).to.not.have.property('$Key');
  });

  it('omits $Type for Edm.String and $Nullable for non-nullable properties', () => {
    expect(schema.entity.id).to.deep.include({ '@Core.Computed': true }).and.not.have.any.keys('$Type', '$Nullable');
    expect(schema.privilegedOperationEvent.roleName).to.deep.equal({ $Nullable: true });
  });

  it('writes path annotation values as CSDL JSON path expressions', () => {
    expect(schema.GraphService.privilegedOperationEvents).to.have.deep.nested.property(
      '@Capabilities\\.InsertRestrictions.NonInsertableProperties', [{ $PropertyPath: 'id' }],
    );
  });

  it('writes annotations of the Schema element on the schema object', () => {
    const container = '<EntityContainer Name="GraphService">';
    const description = 'Graph beta, privileged operations.';
    const model = readVariantModel([container, `<Annotation Term="Core.Description" String="${description}"/>${container}`]);
    expect((toCsdlJson(model) as JsonObject)['microsoft.graph']).to.have.property('@Core.Description', description);
  });

  it('writes namespace-qualified terms when the vocabulary reference declares no alias', () => {
    const model = readVariantModel(
      [' Alias="Core"', ''],
      ['Term="Core.Computed"', 'Term="Org.OData.Core.V1.Computed"'],
      ['Term="Core.ComputedDefaultValue"', 'Term="Org.OData.Core.V1.ComputedDefaultValue"'],
      ['Term="Core.Permissions"', 'Term="Org.OData.Core.V1.Permissions"'],
      ['Term="Core.Description" String="Unique', 'Term="Org.OData.Core.V1.Description" String="Unique'],
      ['Term="Core.Description" String="When', 'Term="Org.OData.Core.V1.Description" String="When'],
      ['Term="Core.Description" String="Audit', 'Term="Org.OData.Core.V1.Description" String="Audit'],
    );
    const entity = (toCsdlJson(model) as JsonObject)['microsoft.graph'].entity;
    expect(entity.id).to.have.property('@Org.OData.Core.V1.Computed', true);
  });
});
