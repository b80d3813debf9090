// The query of a delta request: the first one's $filter/$select (checked against ChangeTracking), or a token carrying them.
import type { EntitySet } from '../model/service-model';
import { parseCollectionQuery, splitQueryOptions, type CollectionQuery, type FilterNode, type ValueNode } from '../query';
import { badRequest, notImplemented } from '../query/query-errors';
import { decodeDeltaLink, decodeRoundPage, type DeltaLinkState, type DeltaQueryText, type DeltaTokenBinding, type RoundPageState } from './delta-token';

export type DeltaRequest =
  /** No token: the initial round (every current entity); `latest` for `$deltatoken=latest` (none, only a deltaLink). */
  | { readonly kind: 'initial'; readonly text: DeltaQueryText; readonly latest: boolean }
  | { readonly kind: 'round'; readonly state: DeltaLinkState }
  | { readonly kind: 'page'; readonly state: RoundPageState };

/** Options the first request may give; with a token only $format (the token carries the rest). */
const INITIAL_OPTIONS = new Set(['filter', 'select', 'format']);

/** `rawQuery` is the part after `?`, still percent-encoded. */
export function parseDeltaRequest(rawQuery: string, binding: DeltaTokenBinding): DeltaRequest {
  const tokens = new Map<string, string>();
  const rest: string[] = [];
  for (const piece of rawQuery.split('&')) {
    const equals = piece.indexOf('=');
    const name = safeDecode(equals < 0 ? piece : piece.slice(0, equals)).replace(/^\$/, '').toLowerCase();
    if (name !== 'deltatoken' && name !== 'skiptoken') {
      if (piece !== '') rest.push(piece);
      continue;
    }
    if (tokens.has('deltatoken') || tokens.has('skiptoken')) throw badRequest('A delta request takes one $deltatoken or $skiptoken.', `$${name}`);
    const value = equals < 0 ? '' : safeDecode(piece.slice(equals + 1));
    if (value === '') throw badRequest(`$${name} needs a value.`, `$${name}`);
    tokens.set(name, value);
  }
  const { system, aliases } = splitQueryOptions(rest.join('&'));
  const given = [...system.keys()];
  const unsupported = given.find((option) => !INITIAL_OPTIONS.has(option));
  if (unsupported) throw notImplemented(`$${unsupported} is not supported with delta query: only $filter and $select are.`, `$${unsupported}`);
  if (aliases.size > 0) throw notImplemented('Parameter aliases are not supported with delta query.', `@${[...aliases.keys()][0]}`);
  const deltaToken = tokens.get('deltatoken');
  const skipToken = tokens.get('skiptoken');
  const text: DeltaQueryText = { filter: system.get('filter'), select: system.get('select') };
  if (deltaToken === 'latest' || (deltaToken === undefined && skipToken === undefined)) {
    return { kind: 'initial', text, latest: deltaToken === 'latest' };
  }
  const carried = given.find((option) => option !== 'format');
  if (carried) throw badRequest(`$${carried} cannot be given with a token: the deltaLink or nextLink already carries the first request's query.`, `$${carried}`);
  return deltaToken !== undefined
    ? { kind: 'round', state: decodeDeltaLink(deltaToken, binding) }
    : { kind: 'page', state: decodeRoundPage(skipToken!, binding) };
}

/** The first request's $filter and $select as a collection query; $filter may name only ChangeTracking FilterableProperties. */
export function deltaCollectionQuery(text: DeltaQueryText, entitySet: EntitySet): CollectionQuery {
  const parts = [
    ...(text.filter === undefined ? [] : [`$filter=${encodeURIComponent(text.filter)}`]),
    ...(text.select === undefined ? [] : [`$select=${encodeURIComponent(text.select)}`]),
  ];
  const query = parseCollectionQuery(parts.join('&'), entitySet);
  const filterable = entitySet.changeTracking?.filterableProperties ?? [];
  const stray = query.filter ? filterProperties(query.filter).find((name) => !filterable.includes(name)) : undefined;
  if (stray !== undefined) {
    throw badRequest(`Delta query cannot filter on '${stray}': the filterable properties are ${filterable.join(', ') || 'none'} (Capabilities.ChangeTracking).`, stray);
  }
  return query;
}

function filterProperties(node: FilterNode): string[] {
  switch (node.kind) {
    case 'and': case 'or': return [...filterProperties(node.left), ...filterProperties(node.right)];
    case 'not': return filterProperties(node.operand);
    case 'compare': return [...valueProperties(node.left), ...valueProperties(node.right)];
    case 'in': return [node.operand, ...node.values].flatMap(valueProperties);
    case 'predicate': return valueProperties(node.value);
    case 'constant': return [];
  }
}

function valueProperties(node: ValueNode): string[] {
  if (node.kind === 'property') return [node.property.name];
  return node.kind === 'call' ? node.args.flatMap(valueProperties) : [];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw badRequest(`The query option '${text}' is not correctly percent-encoded.`, text);
  }
}
