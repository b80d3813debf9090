// Every annotation of the CSDL uses a term of a referenced vocabulary (OASIS or our own), where the term applies, with a fitting value.
import { expect } from 'chai';
import { checkVocabularyUsage } from '../support/csdl-validation';
import { describeWithSharedOdataFile } from '../support/shared-odata-dir';
import { readShippedModel, readVariantModel } from './csdl-variants';

const COMPUTED = '<Annotation Term="Core.Computed" Bool="true"/>';
const UPDATABLE = '<PropertyValue Property="Updatable" Bool="false"/>';
const ENTITY_SET = '<EntitySet Name="privilegedOperationEvents" EntityType="microsoft.graph.privilegedOperationEvent">';

describeWithSharedOdataFile('vocabulary usage', 'vocabularies/Org.OData.Core.V1.json', () => {
  it('finds no problem in metadata/graph-beta.xml', () => {
    expect(checkVocabularyUsage(readShippedModel())).to.deep.equal([]);
  });

  it('reports a term the vocabulary does not define', () => {
    const model = readVariantModel([COMPUTED, '<Annotation Term="Core.Computd" Bool="true"/>']);
    expect(checkVocabularyUsage(model)).to.deep.equal([
      "EntityType 'entity', Property 'id', Org.OData.Core.V1.Computd: no such term in the referenced vocabulary files",
    ]);
  });

  it('reports a term applied to a kind of element its $AppliesTo does not list', () => {
    const model = readVariantModel([ENTITY_SET, `${ENTITY_SET}${COMPUTED}`]);
    expect(checkVocabularyUsage(model)).to.deep.equal([
      "EntitySet 'privilegedOperationEvents', Org.OData.Core.V1.Computed: the term applies to Property, not to EntitySet",
    ]);
  });

  it('reports a record member that is not a property of the term type or its base types', () => {
    const model = readVariantModel([UPDATABLE, '<PropertyValue Property="Updateable" Bool="false"/>']);
    expect(checkVocabularyUsage(model)).to.deep.equal([
      "EntitySet 'privilegedOperationEvents', Org.OData.Capabilities.V1.UpdateRestrictions: 'Updateable' is not a property "
        + 'of Capabilities.UpdateRestrictionsType or its base types',
    ]);
  });

  it('reports a record member value of the wrong type', () => {
    const model = readVariantModel([UPDATABLE, '<PropertyValue Property="Updatable" String="false"/>']);
    expect(checkVocabularyUsage(model)).to.deep.equal([
      "EntitySet 'privilegedOperationEvents', Org.OData.Capabilities.V1.UpdateRestrictions/Updatable: "
        + '"false" is not of type Edm.Boolean',
    ]);
  });

  it('reports an enumeration value that is not a member of the enumeration type', () => {
    const model = readVariantModel(['Capabilities.ConformanceLevelType/Intermediate', 'Capabilities.ConformanceLevelType/Basic']);
    expect(checkVocabularyUsage(model)).to.deep.equal([
      "EntityContainer 'GraphService', Org.OData.Capabilities.V1.ConformanceLevel: \"Basic\" is not a member of "
        + 'Capabilities.ConformanceLevelType',
    ]);
  });

  it("checks terms of the project's own vocabulary in metadata/vocabularies", () => {
    const model = readVariantModel(['Term="Storage.Indexes"', 'Term="Storage.Indices"']);
    expect(checkVocabularyUsage(model)).to.deep.equal([
      "EntitySet 'privilegedOperationEvents', Gateway.Storage.V1.Indices: no such term in the referenced vocabulary files",
    ]);
  });

  it('reports a referenced vocabulary that has a file in neither vocabulary folder', () => {
    const model = readVariantModel(['<edmx:DataServices>', '<edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/'
      + 'vocabularies/Org.OData.Measures.V1.xml"><edmx:Include Namespace="Org.OData.Measures.V1" Alias="Measures"/>'
      + '</edmx:Reference><edmx:DataServices>']);
    const problems = checkVocabularyUsage(model);
    expect(problems).to.have.lengthOf(1);
    expect(problems[0]).to.match(/^edmx:Reference 'Org\.OData\.Measures\.V1': no vocabulary file/);
  });
});
