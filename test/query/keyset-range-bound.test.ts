// The redundant range bound on the first sort key: present for a non-nullable key, absent where a null row could follow.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { DEFAULTS } from '../../src/config/gateway-config';
import { readCsdlText } from '../../src/model/read-csdl';
import { compileQuery, parseCollectionQuery } from '../../src/query';

const SHIPPED = readFileSync(DEFAULTS.CSDL_FILE, 'utf8');
const modelWith = (edit: (xml: string) => string) => readCsdlText(edit(SHIPPED), DEFAULTS.CSDL_FILE).entitySets[0];
const nonNullableUserName = modelWith((xml) => xml.replace('<Property Name="userName" Type="Edm.String"/>', '<Property Name="userName" Type="Edm.String" Nullable="false"/>'));
const shipped = modelWith((xml) => xml);

function afterSql(entitySet: typeof shipped, orderBy: string, values: unknown[]): string {
  const query = parseCollectionQuery(`$orderby=${orderBy}`, entitySet);
  return compileQuery(query, entitySet, 'sqlite').after({ values }).sql;
}

describe('the keyset range bound', () => {
  it('bounds a descending non-nullable first key from above, so the scan starts at the position', () => {
    const sql = afterSql(nonNullableUserName, 'userName desc', ['m', 'some-id']);
    expect(sql).to.match(/^\("userName"( COLLATE BINARY)? <= \? AND /);
  });

  it('bounds an ascending non-nullable first key from below', () => {
    expect(afterSql(nonNullableUserName, 'userName', ['m', 'some-id'])).to.match(/^\("userName"( COLLATE BINARY)? >= \? AND /);
  });

  it('adds no bound to a nullable first key, since null rows follow a descending position', () => {
    expect(afterSql(shipped, 'userName desc', ['m', 'some-id'])).to.not.match(/<= \? AND/);
  });
});
