// The OASIS ABNF test cases for query options, run against an entity type with the ABNF model's property names: each gets the status its group of expectations states.
import { expect } from 'chai';
import { GraphError } from '../../src/errors/graph-error';
import { decodeSkipToken, parseCollectionQuery } from '../../src/query';
import { abnfCases, abnfStandIn, expectationInputs, readAbnfSuite } from '../support/query-abnf-cases';
import type { EntitySet } from '../../src/model/service-model';
import { describeWithSharedOdataFile } from '../support/shared-odata-dir';

let entitySet: EntitySet;
const key = 'a test key that is long enough for HMAC-SHA256';

function status(query: string): number {
  try {
    const parsed = parseCollectionQuery(query, entitySet);
    if (parsed.skipToken !== undefined) decodeSkipToken(parsed.skipToken, { query: parsed, entitySet, key });
    return 200;
  } catch (error) {
    if (error instanceof GraphError) return error.status;
    throw error;
  }
}

describeWithSharedOdataFile('OASIS ABNF test cases for query options', 'abnf/odata-abnf-testcases.yaml', () => {
  const suite = readAbnfSuite();
  entitySet = abnfStandIn(suite);
  const cases = abnfCases(suite);
  for (const abnfCase of cases) {
    it(`${abnfCase.status} for ${abnfCase.negative ? 'negative' : 'positive'} ${abnfCase.rule} ${abnfCase.input} (${abnfCase.name}): ${abnfCase.reason}`, () => {
      let actual = status(abnfCase.query);
      // A commonExpr need not be Boolean: one that only fails the $filter type check is a valid expression
      if (abnfCase.rule === 'commonExpr' && actual === 400 && !abnfCase.negative) {
        try {
          parseCollectionQuery(abnfCase.query, entitySet);
        } catch (error) {
          if ((error as Error).message.includes('must be a Boolean expression')) actual = 200;
        }
      }
      expect(actual).to.equal(abnfCase.status);
    });
  }

  it('lists expectations only for inputs that are among the selected cases', () => {
    const inputs = new Set(cases.map((abnfCase) => abnfCase.input));
    expect(expectationInputs().filter((input) => !inputs.has(input))).to.deep.equal([]);
  });
});
