// The range bound on the first sort key that lets a later page start inside the index, and the null tail after it.
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

  it('splits a nullable descending first key into the bounded range, then the null tail', () => {
    const query = parseCollectionQuery('$orderby=userName desc', shipped);
    const statements = compileQuery(query, shipped, 'sqlite').selectStatements({ after: { values: ['m', 'some-id'] }, limit: 5 });
    expect(statements).to.have.length(2);
    expect(statements[0].sql).to.match(/WHERE .*"userName"( COLLATE BINARY)? <= \? AND /);
    expect(statements[1].sql).to.match(/WHERE "userName"( COLLATE BINARY)? IS NULL/).and.not.match(/<= \?/);
  });
});
