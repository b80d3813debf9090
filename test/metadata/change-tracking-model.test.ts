// Delta query derives from the CSDL: Capabilities.ChangeTracking with the bound delta function; what cannot be true stops start-up.
import { expect } from 'chai';
import { CsdlError } from '../../src/model/csdl-error';
import { NO_CHANGE_TRACKING, readShippedModel, readVariantModel } from './csdl-variants';

const TRACKED = '<PropertyValue Property="Supported" Bool="true"/>';
const FUNCTION = '<Function Name="delta" IsBound="true">';
const FILTERABLE = '<PropertyPath>requestType</PropertyPath>\n                  <PropertyPath>tenantId</PropertyPath>';

function refusal(...edits: readonly (readonly [string, string])[]): string {
  try {
    readVariantModel(...edits);
  } catch (error) {
    expect(error).to.be.instanceOf(CsdlError);
    return (error as Error).message;
  }
  throw new Error('the variant was accepted');
}

describe('change tracking in the model', () => {
  it('reads the shipped set as change-tracked: the filterable properties and the namespace-qualified delta function', () => {
    const [set] = readShippedModel().entitySets;
    expect(set.changeTracking).to.deep.equal({ filterableProperties: ['requestType', 'tenantId', 'userId'], functionName: 'microsoft.graph.delta' });
    expect(readShippedModel().functions).to.deep.equal([{
      name: 'delta', qualifiedName: 'microsoft.graph.delta', returnType: 'microsoft.graph.privilegedOperationEvent',
      bindingParameter: { name: 'bindingParameter', entityType: 'microsoft.graph.privilegedOperationEvent' },
    }]);
  });

  it('reads a set without the annotation and the function as not change-tracked', () => {
    expect(readVariantModel(...NO_CHANGE_TRACKING).entitySets[0].changeTracking).to.equal(undefined);
  });

  it('refuses Supported=true without a bound delta function, and a delta function on a set that is not tracked', () => {
    expect(refusal(NO_CHANGE_TRACKING[0])).to.contain("Supported is true, but no Function 'delta' is bound");
    expect(refusal(NO_CHANGE_TRACKING[1])).to.contain("Supported is not true, but Function 'delta' is bound");
  });

  it('reads a deletable set as change-tracked (its deletes come as tombstones)', () => {
    const deletable = '<PropertyValue Property="Deletable" Bool="false"/>';
    const [entitySet] = readVariantModel([deletable, deletable.replace('false', 'true')]).entitySets;
    expect([entitySet.capabilities.deletable, entitySet.changeTracking?.functionName]).to.deep.equal([true, 'microsoft.graph.delta']);
  });

  it('refuses FilterableProperties naming no property, and ExpandableProperties that are not empty', () => {
    expect(refusal([FILTERABLE, '<PropertyPath>requestType</PropertyPath><PropertyPath>tenant</PropertyPath>'])).to.contain('"tenant"');
    expect(refusal(['<PropertyValue Property="ExpandableProperties">\n                <Collection/>',
      '<PropertyValue Property="ExpandableProperties"><Collection><NavigationPropertyPath>x</NavigationPropertyPath></Collection>'])).to.contain('ExpandableProperties must be empty');
  });

  it('refuses functions other than a bound delta on a collection of an entity type of the schema', () => {
    expect(refusal([FUNCTION, '<Function Name="recent" IsBound="true">'])).to.contain('the only function it implements is the bound delta');
    expect(refusal([FUNCTION, '<Function Name="delta">'])).to.contain('must be bound');
    expect(refusal(['<ReturnType Type="Collection(microsoft.graph.privilegedOperationEvent)"', '<ReturnType Type="Collection(microsoft.graph.entity)"']))
      .to.contain('returns Collection(microsoft.graph.entity)');
    expect(refusal(['Name="bindingParameter" Type="Collection(microsoft.graph.privilegedOperationEvent)"', 'Name="bindingParameter" Type="Edm.String"']))
      .to.contain('must be Collection(<an entity type of this schema>)');
  });
});
