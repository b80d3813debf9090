// The baseline's collection reads: only the query shapes the bench sends, parsed by hand, answered in the gateway's JSON shape.
import type { BaselineFilter, BaselineStore, Entity } from './baseline-store';
import { toStoredTimestamp } from './baseline-store';

export interface CollectionQuery {
  readonly filter: BaselineFilter;
  readonly top: number;
  readonly count: boolean;
}

const REQUEST_TYPE = /^requestType eq '((?:[^']|'')*)'$/;
const CREATION_RANGE = /^creationDateTime ge (\S+) and creationDateTime lt (\S+)$/;
const MAX_TOP = 1000;

/** undefined when the query is not one of the bench's shapes (the baseline then answers 501). */
export function parseCollectionQuery(search: string): CollectionQuery | undefined {
  const options = new URLSearchParams(search);
  const filterText = options.get('$filter') ?? '';
  const top = Number(options.get('$top') ?? '50');
  const orderBy = options.get('$orderby');
  if (!Number.isInteger(top) || top < 0 || top > MAX_TOP) return undefined;
  if (orderBy !== null && orderBy !== 'creationDateTime desc') return undefined;
  const count = options.get('$count') === 'true';
  const byType = REQUEST_TYPE.exec(filterText);
  if (byType) return { filter: { kind: 'requestType', value: byType[1].replace(/''/g, "'") }, top, count };
  const range = CREATION_RANGE.exec(filterText);
  const from = range && toStoredTimestamp(range[1]);
  const to = range && toStoredTimestamp(range[2]);
  if (from && to) return { filter: { kind: 'creationRange', from, to }, top, count };
  return undefined;
}

/** OData JSON Format 4.01, 12: context URL, then `@odata.count` when asked for, then `value`. */
export function readCollection(store: BaselineStore, query: CollectionQuery, context: string): Entity {
  const value = store.page(query.filter, query.top);
  return query.count
    ? { '@odata.context': context, '@odata.count': store.count(query.filter), value }
    : { '@odata.context': context, value };
}
