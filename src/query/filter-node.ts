// The typed query trees that parsing yields and SQL compilation consumes: properties resolved from the model, literals already converted to their stored form.
import type { EdmProperty } from '../model/service-model';

/** Whether a value can be null: known never, possibly, or always (the `null` literal). */
export type Nullability = 'never' | 'maybe' | 'always';

/** An Edm type name (`Edm.String`, `Edm.DateTimeOffset`, `Edm.TimeOfDay`, ...) or `null` for the untyped null literal. */
export interface ValueType {
  readonly name: string;
  /** Fractional-second digits of Edm.DateTimeOffset and Edm.TimeOfDay values (their fixed-width text form on SQLite). */
  readonly precision?: number;
}

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type FunctionName =
  | 'contains' | 'startswith' | 'endswith' | 'length' | 'indexof' | 'substring' | 'tolower' | 'toupper' | 'trim'
  | 'concat' | 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'date' | 'time';

export type ValueNode =
  | { readonly kind: 'property'; readonly property: EdmProperty; readonly type: ValueType; readonly nullability: Nullability }
  /** `value` is the stored form (the Edm type table's check().stored), or null. */
  | { readonly kind: 'literal'; readonly value: unknown; readonly type: ValueType; readonly nullability: Nullability }
  | { readonly kind: 'call'; readonly name: FunctionName; readonly args: readonly ValueNode[]; readonly type: ValueType; readonly nullability: Nullability }
  /** now(): evaluated when the query is compiled, at the precision of what it is compared with. */
  | { readonly kind: 'now'; readonly type: ValueType; readonly nullability: 'never' };

export type FilterNode =
  | { readonly kind: 'and' | 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'not'; readonly operand: FilterNode }
  | { readonly kind: 'compare'; readonly operator: ComparisonOperator; readonly left: ValueNode; readonly right: ValueNode }
  /** `operand in (values)`: the values are literals (null allowed). */
  | { readonly kind: 'in'; readonly operand: ValueNode; readonly values: readonly ValueNode[] }
  /** A Boolean-valued function call or property used as a condition. */
  | { readonly kind: 'predicate'; readonly value: ValueNode }
  | { readonly kind: 'constant'; readonly value: boolean | null };

/** `$search`: every term must occur, case-insensitively, in at least one string property. */
export interface SearchNode {
  readonly terms: readonly string[];
}

export interface OrderItem {
  readonly property: string;
  readonly direction: 'asc' | 'desc';
}
