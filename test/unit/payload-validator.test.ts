// The payload validator: create ignores computed and non-insertable properties, PATCH only computed ones.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { DEFAULTS } from '../../src/config/gateway-config';
import { readCsdlText } from '../../src/model/read-csdl';
import { createPayloadValidator } from '../../src/odata/payload-validator';

const SHIPPED = readFileSync(DEFAULTS.CSDL_FILE, 'utf8');
const NON_INSERTABLE_TENANT = SHIPPED.replace('<PropertyPath>id</PropertyPath>', '<PropertyPath>id</PropertyPath>\n                  <PropertyPath>tenantId</PropertyPath>');

describe('createPayloadValidator', () => {
  const validator = createPayloadValidator(readCsdlText(NON_INSERTABLE_TENANT, DEFAULTS.CSDL_FILE).entitySets[0]);

  it('ignores a non-insertable property on create', () => {
    expect(validator.forCreate({ tenantId: 't1', userName: 'u' }).tenantId).to.equal(null);
  });

  it('lets PATCH change a non-insertable property that is not computed', () => {
    expect(validator.forUpdate({ tenantId: 't2' })).to.deep.equal({ tenantId: 't2' });
  });

  it('ignores the computed id in a PATCH', () => {
    expect(validator.forUpdate({ id: 'x', userName: 'v' })).to.deep.equal({ userName: 'v' });
  });
});
