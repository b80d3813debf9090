// $orderby (OData 4.01 Part 1 11.2.6.2): properties of the entity type, asc or desc, made a total order by a final tie-break on the key.
import type { EntitySet } from '../model/service-model';
import type { AliasScope } from './alias-scope';
import { parseOrderByItems } from './expression-parser';
import type { MemberCheck, RawNode } from './raw-node';
import type { OrderItem } from './filter-node';
import { notImplemented } from './query-errors';

export function parseOrderBy(value: string | undefined, entitySet: EntitySet, aliases: AliasScope, checkMember: MemberCheck): OrderItem[] {
  const items: OrderItem[] = [];
  if (value !== undefined) {
    for (const item of parseOrderByItems(value, '$orderby', checkMember)) {
      const property = propertyName(item.expression, aliases, '$orderby');
      // A repeated property cannot change the order: its first occurrence already decided every tie it could
      if (!items.some((existing) => existing.property === property)) items.push({ property, direction: item.direction });
    }
  }
  for (const key of entitySet.entityType.key) {
    if (!items.some((existing) => existing.property === key)) items.push({ property: key, direction: 'asc' });
  }
  return items;
}

function propertyName(node: RawNode, aliases: AliasScope, option: string): string {
  if (node.kind === 'member') return node.name;
  if (node.kind === 'alias') {
    return aliases.resolve(node.name, (value, source) => {
      if (value === undefined) throw notImplemented(`Ordering by the null value of ${source} is not supported.`, source);
      return propertyName(value, aliases, source);
    });
  }
  throw notImplemented(`Ordering by expressions is not supported: ${option} takes property names (position ${node.at}).`, option);
}
