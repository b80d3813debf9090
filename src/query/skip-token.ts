// $skiptoken for keyset paging: base64url JSON of the last position, authenticated with HMAC-SHA256 and bound to the query's filter, search and order.
import { createHash } from 'node:crypto';
import type { EntitySet } from '../model/service-model';
import type { CollectionQuery } from './collection-query';
import type { FilterNode, ValueNode } from './filter-node';
import type { KeysetPosition } from './keyset-predicate';
import { badRequest } from './query-errors';
import { openToken, sealToken } from './signed-token';

/** Where the next page starts, and how many rows earlier pages returned (so that $top holds across pages). */
export interface SkipTokenState {
  readonly position: KeysetPosition;
  readonly returned: number;
}

export interface SkipTokenBinding {
  readonly query: CollectionQuery;
  readonly entitySet: EntitySet;
  /** At least 32 bytes, from configuration; rotating it invalidates outstanding tokens. */
  readonly key: string | Uint8Array;
}

const DOMAIN = 'odata-skiptoken/v1';

export function encodeSkipToken(state: SkipTokenState, binding: SkipTokenBinding): string {
  return sealToken({ k: state.position.values, n: state.returned }, binding.key, context(binding));
}

/** Throws BadRequestError (target `$skiptoken`) for a token that is malformed, altered, or from another query or key. */
export function decodeSkipToken(token: string, binding: SkipTokenBinding): SkipTokenState {
  const decoded = openToken(token, binding.key, context(binding));
  const { k: values, n: returned } = (decoded ?? {}) as { k?: unknown; n?: unknown };
  if (!Array.isArray(values) || values.length !== binding.query.orderBy.length || !Number.isSafeInteger(returned) || Number(returned) < 0) {
    throw invalid();
  }
  return { position: { values }, returned: Number(returned) };
}

function context(binding: SkipTokenBinding): string {
  return `${DOMAIN}\n${queryFingerprint(binding)}`;
}

function invalid(): Error {
  return badRequest('The $skiptoken is not valid for this request: it was altered, or it belongs to another query.', '$skiptoken');
}

/** What fixes the sequence of rows: entity set, filter (aliases resolved), search and order; not $select, $top or $skip. */
export function queryFingerprint(binding: Pick<SkipTokenBinding, 'query' | 'entitySet'>): string {
  const { query, entitySet } = binding;
  const canonical = JSON.stringify([entitySet.name, query.filter ? filterShape(query.filter) : null, query.search?.terms ?? null,
    query.orderBy.map((item) => [item.property, item.direction])]);
  return createHash('sha256').update(canonical).digest('base64url');
}

function filterShape(node: FilterNode): unknown {
  switch (node.kind) {
    case 'and': case 'or': return [node.kind, filterShape(node.left), filterShape(node.right)];
    case 'not': return ['not', filterShape(node.operand)];
    case 'compare': return [node.operator, valueShape(node.left), valueShape(node.right)];
    case 'in': return ['in', valueShape(node.operand), node.values.map(valueShape)];
    case 'predicate': return ['is', valueShape(node.value)];
    case 'constant': return ['constant', node.value];
  }
}

function valueShape(node: ValueNode): unknown {
  switch (node.kind) {
    case 'property': return ['property', node.property.name];
    case 'literal': return ['literal', node.type.name, node.value];
    case 'call': return ['call', node.name, node.args.map(valueShape)];
    case 'now': return ['now'];
  }
}
