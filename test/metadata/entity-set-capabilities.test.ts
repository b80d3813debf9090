// The entity set's capabilities come from its Capabilities annotations, with the vocabulary defaults where absent.
import { expect } from 'chai';
import type { EntitySetCapabilities } from '../../src/model/service-model';
import { NO_CHANGE_TRACKING, readShippedModel, readVariantModel, shippedPermissions } from './csdl-variants';

const NOT_UPDATABLE = '<PropertyValue Property="Updatable" Bool="false"/>';
const NOT_DELETABLE = '<PropertyValue Property="Deletable" Bool="false"/>';

function capabilitiesOf(...edits: readonly (readonly [string, string])[]): EntitySetCapabilities {
  return (edits.length === 0 ? readShippedModel() : readVariantModel(...edits)).entitySets[0].capabilities;
}

describe('entity set capabilities', () => {
  it('reads Insertable=true and NonInsertableProperties from InsertRestrictions', () => {
    expect(capabilitiesOf()).to.deep.include({ insertable: true, nonInsertableProperties: ['id'] });
  });

  it('reads Insertable=false as not insertable', () => {
    const insertable = '<PropertyValue Property="Insertable" Bool="true"/>';
    const notInsertable = [insertable, insertable.replace('true', 'false')] as const;
    expect(capabilitiesOf(notInsertable, [shippedPermissions('InsertRestrictions'), ''])).to.have.property('insertable', false);
  });

  it('refuses Permissions for an operation the entity set does not allow', () => {
    const insertable = '<PropertyValue Property="Insertable" Bool="true"/>';
    expect(() => capabilitiesOf([insertable, insertable.replace('true', 'false')])).to.throw(
      "EntitySet 'privilegedOperationEvents', InsertRestrictions: declares Permissions, but the entity set does not allow the operation (Insertable is false)");
  });

  it('reads Updatable=false as not updatable', () => {
    expect(capabilitiesOf()).to.have.property('updatable', false);
  });

  it('reads Updatable=true as updatable', () => {
    expect(capabilitiesOf([NOT_UPDATABLE, NOT_UPDATABLE.replace('false', 'true')])).to.have.property('updatable', true);
  });

  it('takes the vocabulary default (updatable) when UpdateRestrictions omits Updatable', () => {
    expect(capabilitiesOf([NOT_UPDATABLE, ''])).to.have.property('updatable', true);
  });

  it('reads Deletable=false as not deletable', () => {
    expect(capabilitiesOf()).to.have.property('deletable', false);
  });

  it('reads Deletable=true as deletable (on a set without change tracking, which refuses deletable sets)', () => {
    expect(capabilitiesOf([NOT_DELETABLE, NOT_DELETABLE.replace('false', 'true')], ...NO_CHANGE_TRACKING)).to.have.property('deletable', true);
  });

  it('refuses NonInsertableProperties that names no property of the entity type', () => {
    expect(() => capabilitiesOf(['<PropertyPath>id</PropertyPath>', '<PropertyPath>identifier</PropertyPath>'])).to.throw(
      "EntitySet 'privilegedOperationEvents': NonInsertableProperties names 'identifier', "
        + 'which is not a property of privilegedOperationEvent',
    );
  });
});
