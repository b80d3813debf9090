// Minimal reproductions of why $filter is parsed by our own grammar (src/query) rather than odata-v4-parser's.
// Each test pins a defect of odata-v4-parser 0.1.29; if one starts failing, the library changed: re-evaluate.
import { expect } from 'chai';

interface ParsedNode { readonly type?: string; readonly value?: { readonly type?: string; readonly right?: ParsedNode } }
const parser = require('odata-v4-parser') as { filter(source: string): ParsedNode };

describe('odata-v4-parser 0.1.29 as a $filter parser', () => {
  it("reads `not a eq 'x' and b eq 'y'` as not(a and b), against OData's operator precedence (Part 2, 5.1.1.17)", () => {
    const tree = parser.filter("not userName eq 'a' and roleName eq 'b'");
    expect(tree.type).to.equal('NotExpression');
    expect(tree.value?.type).to.equal('AndExpression');
  });

  it('reads the literal NULL as a property name (OData 4.01: keywords are case-insensitive)', () => {
    expect(parser.filter('userName eq NULL').value?.right?.type).to.equal('FirstMemberExpression');
  });

  for (const [what, source] of [
    ['the in operator of OData 4.01', "requestType in ('Assign','Activate')"],
    ['upper-case operators (4.01 case-insensitivity)', "requestType EQ 'Assign'"],
    ['comparing a Boolean function result with true', "contains(userName,'x') eq true"],
  ] as const) {
    it(`rejects ${what}`, () => {
      expect(() => parser.filter(source)).to.throw(/Unexpected character/);
    });
  }
});
