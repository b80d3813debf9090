// parseCollectionQuery without a database: the shape of parsed queries and the status and target of every error.
import { expect } from 'chai';
import { GraphError } from '../../src/errors/graph-error';
import { parseCollectionQuery, type CollectionQuery } from '../../src/query';
import { QUERY_ERRORS } from '../support/query-error-cases';
import { privilegedOperationEvents } from '../support/query-fixture';

const entitySet = privilegedOperationEvents();
const parse = (query: string): CollectionQuery => parseCollectionQuery(query, entitySet);

function failure(query: string, countSegment = false): GraphError {
  try {
    parseCollectionQuery(query, entitySet, { countSegment });
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  throw new Error(`${query} was accepted`);
}

describe('parseCollectionQuery', () => {
  describe('answers every error with a GraphError', () => {
    for (const [query, status, target, message] of QUERY_ERRORS) {
      it(`${status} ${target}: ${query.length > 70 ? `${query.slice(0, 70)}…` : query}`, () => {
        const error = failure(query);
        expect([error.status, error.target]).to.deep.equal([status, target]);
        if (message) expect(error.message).to.match(message);
      });
    }
  });

  it('allows only $filter and $search with /$count', () => {
    expect(failure('$top=1', true).status).to.equal(400);
    expect(parseCollectionQuery("$filter=userName ne null&$search=blue", entitySet, { countSegment: true }).search).to.deep.equal({ terms: ['blue'] });
  });

  it('reads no options as an unfiltered query ordered by the key', () => {
    expect(parse('')).to.deep.equal({
      entitySet: 'privilegedOperationEvents', filter: undefined, search: undefined, orderBy: [{ property: 'id', direction: 'asc' }],
      select: undefined, top: undefined, skip: undefined, count: false, skipToken: undefined, format: undefined,
    });
  });

  it('ignores custom options and $schemaversion, and passes $format and $skiptoken on', () => {
    const query = parse('debug-mode=true&!special&$schemaversion=1.0&$format=json&$skiptoken=abc.def&$count=true&$top=0&$skip=3');
    expect([query.format, query.skipToken, query.count, query.top, query.skip]).to.deep.equal(['json', 'abc.def', true, 0, 3]);
  });

  it('keeps the first of repeated order keys and adds the key tie-break only when missing', () => {
    expect(parse('$orderby=userName desc,roleName,userName').orderBy).to.deep.equal([
      { property: 'userName', direction: 'desc' }, { property: 'roleName', direction: 'asc' }, { property: 'id', direction: 'asc' }]);
    expect(parse('$orderby=id desc,userName').orderBy).to.deep.equal([{ property: 'id', direction: 'desc' }, { property: 'userName', direction: 'asc' }]);
  });

  it('orders by a property named through an alias', () => {
    expect(parse('$orderby=@o desc&@o=userName').orderBy[0]).to.deep.equal({ property: 'userName', direction: 'desc' });
  });

  it('selects properties in model order, * as all, and ignores qualified operation names', () => {
    expect(parse('$select=userName,id,userName,graph.someAction').select).to.deep.equal(['id', 'userName']);
    expect(parse('$select=*,userName').select).to.equal(undefined);
  });

  it('reads $search words, phrases and AND/OR/NOT used as words', () => {
    expect(parse('$search=blue%20%22sea%20green%22%20AND%20x').search).to.deep.equal({ terms: ['blue', 'sea green', 'x'] });
    expect(parse('$search=AND OR').search).to.deep.equal({ terms: ['AND', 'OR'] });
    expect(parse("$search='%22blue'").search).to.deep.equal({ terms: ['blue'] });
    expect(parse('$search=%22say%20\\%22hi\\%22%22').search).to.deep.equal({ terms: ['say "hi"'] });
  });

  it('accepts Boolean, null and GUID-like literals in any case where the ABNF does', () => {
    expect(() => parse("$filter=userName eq NULL or TRUE or contains(userName,'x') eq False")).not.to.throw();
  });
});
