// Server-driven paging with keyset continuation: which window of rows a page reads, and the state its $skiptoken carries on.
import type { CollectionQuery } from './collection-query';
import type { PageWindow } from './compile-query';
import type { KeysetPosition } from './keyset-predicate';
import type { SkipTokenState } from './skip-token';

export interface PagePlan {
  /** Pass to CompiledQuery.selectStatement; `limit` is one more than the page, to learn whether another page follows. */
  readonly window: PageWindow;
  /** Rows this page may return. */
  readonly pageSize: number;
  /** Rows returned by earlier pages. */
  readonly returned: number;
  /** Rows $top still allows, this page included (Infinity without $top). */
  readonly remaining: number;
}

/**
 * OData 4.01 Part 1 11.2.6.7: a page never exceeds `maxPageSize`; $skip applies once, before the first page;
 * a $top larger than a page is honoured across pages through the count the token carries.
 */
export function planPage(query: CollectionQuery, maxPageSize: number, state?: SkipTokenState): PagePlan {
  const returned = state?.returned ?? 0;
  const remaining = query.top === undefined ? Infinity : Math.max(query.top - returned, 0);
  const pageSize = Math.min(maxPageSize, remaining);
  return {
    window: { after: state?.position, limit: pageSize + 1, offset: state ? 0 : query.skip ?? 0 },
    pageSize,
    returned,
    remaining,
  };
}

/** The token state for the page after this one, or undefined when this page is the last. */
export function nextPageState(plan: PagePlan, rowCount: number, lastRowPosition: () => KeysetPosition): SkipTokenState | undefined {
  if (rowCount <= plan.pageSize || plan.pageSize >= plan.remaining) return undefined;
  return { position: lastRowPosition(), returned: plan.returned + plan.pageSize };
}
