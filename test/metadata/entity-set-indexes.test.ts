// The indexes an entity set declares with Storage.Indexes: read into the model, refused when the store could not build them.
import { expect } from 'chai';
import { CsdlError } from '../../src/model/csdl-error';
import { readCsdlText } from '../../src/model/read-csdl';
import { readShippedModel, readVariantModel, shippedCsdlXml, SHIPPED_CSDL_FILE } from './csdl-variants';

const FIRST_INDEX = `<PropertyPath>requestType</PropertyPath>
                    <PropertyPath>creationDateTime</PropertyPath>`;
const WHERE = "EntitySet 'privilegedOperationEvents', Annotation 'Gateway.Storage.V1.Indexes', Record 1";

function refusal(...edits: readonly (readonly [string, string])[]): string {
  try {
    readVariantModel(...edits);
  } catch (error) {
    if (error instanceof CsdlError) return `${error.element}: ${error.reason}`;
    throw error;
  }
  throw new Error('the variant CSDL was accepted');
}

describe('Storage.Indexes on an entity set', () => {
  it("reads the shipped declarations for Graph's documented list calls, in index order", () => {
    expect(readShippedModel().entitySets[0].indexes).to.deep.equal([
      { columns: [{ property: 'requestType', descending: false }, { property: 'creationDateTime', descending: true }] },
      { columns: [{ property: 'creationDateTime', descending: true }] },
    ]);
  });

  it('reads an entity set without the annotation as declaring none', () => {
    const xml = shippedCsdlXml().replace(/<Annotation Term="Storage\.Indexes">[\s\S]*?<\/Collection>\s*<\/Annotation>/, '');
    expect(readCsdlText(xml, SHIPPED_CSDL_FILE).entitySets[0].indexes).to.deep.equal([]);
  });

  it('refuses a property the entity type does not have', () => {
    expect(refusal([FIRST_INDEX, '<PropertyPath>requestKind</PropertyPath>'])).to.equal(
      `${WHERE}: 'requestKind' is not a property of privilegedOperationEvent`);
  });

  it('refuses a descending property that Properties does not list', () => {
    expect(refusal([FIRST_INDEX, '<PropertyPath>requestType</PropertyPath>'])).to.equal(
      `${WHERE}: DescendingProperties names 'creationDateTime', which Properties does not list`);
  });

  it('refuses the key anywhere but last', () => {
    expect(refusal([FIRST_INDEX, `<PropertyPath>id</PropertyPath>${FIRST_INDEX}`])).to.equal(
      `${WHERE}: the key 'id' may only be the last of Properties`);
  });

  it('refuses a property listed twice', () => {
    expect(refusal([FIRST_INDEX, `${FIRST_INDEX}<PropertyPath>requestType</PropertyPath>`])).to.equal(
      `${WHERE}: Properties names 'requestType' twice`);
  });

  it('refuses an index without properties', () => {
    expect(refusal([FIRST_INDEX, ''])).to.equal(`${WHERE}: Properties must name at least one property`);
  });
});
