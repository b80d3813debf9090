// Parsing, binding and compiling a query never overflow the stack, whatever the header size lets through: every
// nesting is bounded with a 400 (or a 501 for an operator the service does not implement).
import { expect } from 'chai';
import { GraphError } from '../../src/errors/graph-error';
import { compileQuery, parseCollectionQuery } from '../../src/query';
import { privilegedOperationEvents } from '../support/query-fixture';

const entitySet = privilegedOperationEvents();

function outcome(rawQuery: string): number {
  try {
    const query = parseCollectionQuery(rawQuery, entitySet);
    compileQuery(query, entitySet, 'postgres', { now: () => new Date() }).selectStatement();
    return 200;
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    return error.status;
  }
}

describe('recursion bounds of the query pipeline (far beyond any header limit)', () => {
  const chain = (length: number, value: string) => [
    '$filter=@a0', ...Array.from({ length }, (_, index) => `@a${index}=@a${index + 1}`), `@a${length}=${value}`,
  ].join('&');

  it('refuses a chain of 100,000 parameter aliases with 400', () => {
    expect(outcome(chain(100_000, 'true'))).to.equal(400);
  });
  it('accepts a chain of 15 aliases', () => {
    expect(outcome(chain(15, 'true'))).to.equal(200);
  });
  it('binds and compiles 15 aliases that each nest 60 levels (900 levels in all) without overflowing', () => {
    const deep = encodeURIComponent(`${'('.repeat(60)}@next${')'.repeat(60)}`);
    const aliases = Array.from({ length: 15 }, (_, index) => `@a${index}=${deep.replace('next', `a${index + 1}`)}`);
    expect(outcome(['$filter=@a0', ...aliases, '@a15=true'].join('&'))).to.equal(200);
  });
  for (const [label, expression] of [
    ['parentheses', `${'('.repeat(100_000)}true${')'.repeat(100_000)}`], ['not', `${'not '.repeat(100_000)}true`],
    ['calls', `${'tolower('.repeat(50_000)}userName${')'.repeat(50_000)} eq 'x'`], ['lists', `userName in ${'['.repeat(100_000)}'x'${']'.repeat(100_000)}`],
    ['negations', `${'-'.repeat(100_000)}1 eq 1`],
  ]) {
    it(`refuses 100,000 nested ${label} in $filter and $orderby`, () => {
      expect(outcome(`$filter=${encodeURIComponent(expression)}`)).to.be.oneOf([400, 501]);
      expect(outcome(`$orderby=${encodeURIComponent(expression)}`)).to.be.oneOf([400, 501]);
    });
  }
});
