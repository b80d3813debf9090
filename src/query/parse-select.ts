// $select (OData 4.01 Part 2 5.1.4): property names or `*`; qualified operation names are ignored, as the rule requires for unbindable operations.
import type { EntitySet } from '../model/service-model';
import { badRequest, notImplemented, syntaxError } from './query-errors';

const IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]*$/u;

/** The selected property names in model order, or undefined for all properties (`*`). */
export function parseSelect(value: string, entitySet: EntitySet): string[] | undefined {
  const open = value.indexOf('(');
  if (open >= 0) throw notImplemented(`Select options in parentheses are not supported ($select, position ${open}).`, '$select');
  const selected = new Set<string>();
  let star = false;
  let at = 0;
  for (const raw of value.split(',')) {
    const item = raw.trim();
    if (item === '') throw syntaxError('$select', at, 'expected a property name');
    if (item === '*') star = true;
    else if (item.startsWith('@')) throw notImplemented(`Selecting annotations ('${item}') is not supported.`, '$select');
    else if (!item.includes('/') && item.includes('.')) {
      // 5.1.4: a qualified action or function name that cannot be bound to the entities is ignored
    } else selected.add(propertyOf(item, entitySet, at + raw.indexOf(item)));
    at += raw.length + 1;
  }
  if (star) return undefined;
  return entitySet.entityType.properties.map((property) => property.name).filter((name) => selected.has(name));
}

function propertyOf(item: string, entitySet: EntitySet, at: number): string {
  const [first, ...rest] = item.split('/');
  if (!IDENTIFIER.test(first) && !first.includes('.')) throw syntaxError('$select', at, `'${item}' is not a property name`);
  const property = entitySet.entityType.properties.find((candidate) => candidate.name === first);
  if (!property) throw badRequest(`Could not find a property named '${first}' ($select).`, first);
  if (rest.length > 0) throw badRequest(`'${first}' is a primitive property: $select cannot continue a path after it.`, first);
  return property.name;
}
