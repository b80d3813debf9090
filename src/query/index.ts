// The query language of GET on an entity set, HTTP-free: parse the raw query, compile it to SQL, page with keyset tokens.
export { parseCollectionQuery, MAX_TOP_SKIP, type CollectionQuery, type ParseOptions } from './collection-query';
export { compileQuery, type CompiledQuery, type CompileOptions, type PageWindow } from './compile-query';
export type { FilterNode, OrderItem, SearchNode, ValueNode } from './filter-node';
export type { KeysetPosition } from './keyset-predicate';
export { nextPageState, planPage, type PagePlan } from './page-plan';
export { decodeSkipToken, encodeSkipToken, type SkipTokenBinding, type SkipTokenState } from './skip-token';
export type { Dialect, SqlStatement } from './sql-fragment';
export { parseSelect } from './parse-select';
export { splitQueryOptions } from './query-options';
