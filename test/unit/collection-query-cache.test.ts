// The collection query cache: a repeated query is parsed once; one that mentions now() is parsed every time.
import { expect } from 'chai';
import { CollectionQueryCache, type PreparedQuery } from '../../src/odata/collection-query-cache';

describe('CollectionQueryCache', () => {
  const prepared = () => ({ query: {}, compiled: {} }) as unknown as PreparedQuery;

  it('builds a repeated query once and returns the same preparation', () => {
    const cache = new CollectionQueryCache();
    let builds = 0;
    const first = cache.prepare("events?$filter=requestType eq 'Assign'", () => { builds += 1; return prepared(); });
    const second = cache.prepare("events?$filter=requestType eq 'Assign'", () => { builds += 1; return prepared(); });
    expect(builds).to.equal(1);
    expect(second).to.equal(first);
  });

  it('builds a query that mentions now() every time, since now() is fixed at compile time', () => {
    const cache = new CollectionQueryCache();
    let builds = 0;
    for (let i = 0; i < 2; i += 1) cache.prepare('events?$filter=creationDateTime lt now()', () => { builds += 1; return prepared(); });
    expect(builds).to.equal(2);
  });
});
