// Parsed and compiled collection queries, kept by their raw query string: a dashboard repeats the same query,
// and parsing plus compiling it is the part of the read path that does not depend on the data.
import type { CompiledQuery, CollectionQuery } from '../query';

export interface PreparedQuery {
  readonly query: CollectionQuery;
  readonly compiled: CompiledQuery;
}

/** Distinct queries kept; the oldest goes first. */
const CAPACITY = 500;

/** now() is compiled to the moment of compilation, so a query that mentions it is never reused. */
const MENTIONS_NOW = /now/i;

export class CollectionQueryCache {
  private readonly entries = new Map<string, PreparedQuery>();

  prepare(key: string, build: () => PreparedQuery): PreparedQuery {
    const cached = this.entries.get(key);
    if (cached !== undefined) return cached;
    const prepared = build();
    if (!MENTIONS_NOW.test(key)) {
      if (this.entries.size >= CAPACITY) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key, prepared);
    }
    return prepared;
  }
}
