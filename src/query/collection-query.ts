// parseCollectionQuery: the query options of GET on an entity set, parsed and bound to the model, before any SQL.
import type { EntitySet } from '../model/service-model';
import { AliasScope } from './alias-scope';
import { bindFilter } from './bind-filter';
import { parseExpression } from './expression-parser';
import type { MemberCheck } from './raw-node';
import type { FilterNode, OrderItem, SearchNode } from './filter-node';
import { parseOrderBy } from './parse-order-by';
import { parseSearch } from './parse-search';
import { parseSelect } from './parse-select';
import { badRequest } from './query-errors';
import { splitQueryOptions, type SupportedOption } from './query-options';

export interface CollectionQuery {
  readonly entitySet: string;
  readonly filter?: FilterNode;
  readonly search?: SearchNode;
  /** Ends with the key (`id asc`) unless the key came earlier: the order is total, as keyset paging needs. */
  readonly orderBy: readonly OrderItem[];
  /** Selected property names in model order; undefined means all. */
  readonly select?: readonly string[];
  readonly top?: number;
  readonly skip?: number;
  readonly count: boolean;
  /** Still opaque: decodeSkipToken checks it. */
  readonly skipToken?: string;
  readonly format?: string;
}

export interface ParseOptions {
  /** The path ends in /$count: OData 4.01 Part 2 5.1 allows only $filter and $search there. */
  readonly countSegment?: boolean;
}

/** Largest $top and $skip accepted (Edm.Int32); anything larger is a 400. */
export const MAX_TOP_SKIP = 2147483647;

/** `rawQuery` is the part after `?`, still percent-encoded. Throws BadRequestError (400) or NotImplementedError (501). */
export function parseCollectionQuery(rawQuery: string, entitySet: EntitySet, options: ParseOptions = {}): CollectionQuery {
  const { system, aliases } = splitQueryOptions(rawQuery);
  if (options.countSegment) {
    const extra = [...system.keys()].find((name) => name !== 'filter' && name !== 'search');
    if (extra) throw badRequest(`$${extra} cannot be used with /$count: only $filter and $search can.`, `$${extra}`);
  }
  const checkMember = memberCheck(entitySet);
  const scope = new AliasScope(aliases, checkMember);
  const filter = system.get('filter');
  const search = system.get('search');
  const select = system.get('select');
  return {
    entitySet: entitySet.name,
    filter: filter === undefined ? undefined
      : bindFilter(parseExpression(filter, '$filter', checkMember), { entitySet, aliases: scope, option: '$filter' }),
    search: search === undefined ? undefined : parseSearch(search),
    orderBy: parseOrderBy(system.get('orderby'), entitySet, scope, checkMember),
    select: select === undefined ? undefined : parseSelect(select, entitySet),
    top: nonNegativeInteger(system, 'top'),
    skip: nonNegativeInteger(system, 'skip'),
    count: countOption(system.get('count')),
    skipToken: nonEmpty(system, 'skiptoken'),
    format: nonEmpty(system, 'format'),
  };
}

function memberCheck(entitySet: EntitySet): MemberCheck {
  return (name, option) => {
    if (!entitySet.entityType.properties.some((property) => property.name === name)) {
      throw badRequest(`Could not find a property named '${name}' on type '${entitySet.entityType.name}' (${option}).`, name);
    }
  };
}

/** ABNF top/skip: 1*DIGIT. */
function nonNegativeInteger(system: ReadonlyMap<SupportedOption, string>, option: 'top' | 'skip'): number | undefined {
  const value = system.get(option);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw badRequest(`$${option} must be a non-negative integer, not '${value}'.`, `$${option}`);
  const number = Number(value);
  if (number > MAX_TOP_SKIP) throw badRequest(`$${option} must be at most ${MAX_TOP_SKIP}.`, `$${option}`);
  return number;
}

/** ABNF count: booleanValue, which is lower case only. */
function countOption(value: string | undefined): boolean {
  if (value === undefined) return false;
  if (value !== 'true' && value !== 'false') throw badRequest(`$count must be true or false, not '${value}'.`, '$count');
  return value === 'true';
}

function nonEmpty(system: ReadonlyMap<SupportedOption, string>, option: SupportedOption): string | undefined {
  const value = system.get(option);
  if (value === '') throw badRequest(`$${option} needs a value.`, `$${option}`);
  return value;
}
