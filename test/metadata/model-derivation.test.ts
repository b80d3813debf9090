// One model, many projections: a property added to the CSDL file appears in the model and the JSON document unaided.
import { expect } from 'chai';
import { findProperty } from '../../src/model/service-model';
import { toCsdlJson } from '../../src/odata/csdl-json-document';
import { validateCsdlJson } from '../support/csdl-validation';
import { readVariantModel } from './csdl-variants';

describe('a property added to the CSDL file', () => {
  const model = readVariantModel([
    '<Property Name="userName" Type="Edm.String"/>',
    '<Property Name="userName" Type="Edm.String"/>\n        <Property Name="approverName" Type="Edm.String" MaxLength="200"/>',
  ]);
  const entityType = model.entitySets[0].entityType;

  it('is a nullable property of the entity set\'s type in the model', () => {
    expect(findProperty(entityType, 'approverName')).to.deep.include({
      name: 'approverName', type: 'Edm.String', nullable: true, maxLength: 200, declaredBy: 'privilegedOperationEvent',
    });
  });

  it('is described in the CSDL JSON document', () => {
    const document = toCsdlJson(model) as Record<string, Record<string, Record<string, unknown>>>;
    expect(document['microsoft.graph'].privilegedOperationEvent.approverName).to.deep.equal({ $Nullable: true, $MaxLength: 200 });
  });

  it('leaves the CSDL JSON document valid against the OASIS JSON schema', () => {
    expect(validateCsdlJson(toCsdlJson(model))).to.deep.equal([]);
  });
});
