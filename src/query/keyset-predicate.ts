// The keyset "after this position" condition for the total order of $orderby: (a, b, id) > (…) expanded per direction and null placement.
import { primitiveType } from '../model/edm-primitive-types';
import type { EdmProperty, EntitySet } from '../model/service-model';
import { compare, isNotNull, isNull, type Operand } from './compile-filter';
import type { OrderItem } from './filter-node';
import { badRequest } from './query-errors';
import type { SqlDialect } from './sql-dialect';
import { allOf, anyOf, FALSE } from './sql-fragment';
import type { Sql } from './sql-fragment';

/** The last row of a page: its JSON (wire) values of the orderBy properties, in orderBy order, the key last. */
export interface KeysetPosition {
  readonly values: readonly unknown[];
}

/**
 * Rows strictly after `position`. OData 4.01 Part 1 11.2.6.2: nulls come first ascending and last descending,
 * so "after" a null ascending is any non-null, and nothing follows a null descending but equal nulls.
 */
export function keysetPredicate(orderBy: readonly OrderItem[], entitySet: EntitySet, position: KeysetPosition, dialect: SqlDialect): Sql {
  return anyOf(keysetParts(orderBy, entitySet, position, dialect));
}

/**
 * The same rows as keysetPredicate, as conditions to run one after the other (each in the ORDER BY order) until a
 * page is full. Each part carries a range bound on the first sort key (`k1 <= v` descending, `>=` ascending) that
 * the OR-expansion alone does not give the planner: with it a page starts inside the index instead of re-reading
 * every earlier row, so paging costs the same at any depth. A nullable key walked descending from a non-null value
 * has null rows after the whole range: they are a second part of their own (`k1 IS NULL`).
 */
export function keysetParts(orderBy: readonly OrderItem[], entitySet: EntitySet, position: KeysetPosition, dialect: SqlDialect): Sql[] {
  if (position.values.length !== orderBy.length) throw invalidPosition('it does not match $orderby');
  const keys = orderBy.map((item, index) => keyOf(item, entitySet, position.values[index], dialect));
  const expansion = anyOf(keys.map((key, index) => allOf([...keys.slice(0, index).map(equalTo), after(key)])));
  const [first] = keys;
  if (keys.length < 2) return [expansion];
  if (first.value === undefined) return [first.direction === 'desc' ? allOf([isNull(first.column), expansion]) : expansion];
  const bound = allOf([compare(first.column, first.direction === 'asc' ? '>=' : '<=', first.value), expansion]);
  const nullTail = first.direction === 'desc' && first.column.nullability !== 'never';
  return nullTail ? [bound, isNull(first.column)] : [bound];
}

interface Key {
  readonly column: Operand;
  readonly value?: Operand;
  readonly direction: 'asc' | 'desc';
}

function keyOf(item: OrderItem, entitySet: EntitySet, wireValue: unknown, dialect: SqlDialect): Key {
  const property = entitySet.entityType.properties.find((candidate) => candidate.name === item.property) as EdmProperty;
  const column: Operand = { sql: dialect.column(property), nullability: property.nullable ? 'maybe' : 'never' };
  if (wireValue === null || wireValue === undefined) {
    if (!property.nullable) throw invalidPosition(`'${property.name}' cannot be null`);
    return { column, direction: item.direction };
  }
  const checked = primitiveType(property.type).check(wireValue, { ...property, maxLength: undefined });
  if (!checked.ok) throw invalidPosition(`its '${property.name}' ${checked.reason}`);
  return { column, value: { sql: dialect.value(checked.stored, property.type), nullability: 'never' }, direction: item.direction };
}

function equalTo(key: Key): Sql {
  return key.value === undefined ? isNull(key.column) : compare(key.column, '=', key.value);
}

function after(key: Key): Sql {
  if (key.direction === 'asc') return key.value === undefined ? isNotNull(key.column) : compare(key.column, '>', key.value);
  return key.value === undefined ? FALSE : anyOf([compare(key.column, '<', key.value), isNull(key.column)]);
}

function invalidPosition(reason: string): Error {
  return badRequest(`The $skiptoken is not valid for this query: ${reason}.`, '$skiptoken');
}
