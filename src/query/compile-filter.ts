// Translates a typed $filter to a SQL condition that is true exactly when OData's is: negations pushed to the leaves, null handled per operator.
import type { ComparisonOperator, FilterNode, Nullability, ValueNode } from './filter-node';
import { compileValue, type CompileContext } from './compile-value';
import { allOf, anyOf, FALSE, Sql, TRUE } from './sql-fragment';

/** An SQL operand together with what is known about its nullness. */
export interface Operand {
  readonly sql: Sql;
  readonly nullability: Nullability;
}

const SQL_OPERATORS: Readonly<Record<ComparisonOperator, string>> = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' };
const COMPLEMENT: Readonly<Record<ComparisonOperator, ComparisonOperator>> = { eq: 'ne', ne: 'eq', gt: 'le', ge: 'lt', lt: 'ge', le: 'gt' };
// OData 4.01 Part 2 5.1.1.1.1-6: null equals only null; gt and lt are false when an operand is null; ge and le mean
// "gt or eq" and "lt or eq". So each operator is true for the non-null comparison or for these null cases:
const NULL_CASES: Readonly<Record<ComparisonOperator, readonly [NullCase, NullCase]>> = {
  eq: ['both', 'one'], ne: ['one', 'both'], gt: ['none', 'any'], lt: ['none', 'any'], ge: ['both', 'one'], le: ['both', 'one'],
};
type NullCase = 'none' | 'both' | 'one' | 'any';

/**
 * SQL that is TRUE exactly when the OData expression (negated when `negated`) is true. Negations are pushed down
 * (De Morgan holds in the three-valued logic of OData 4.01 Part 2 5.1.1.1.7-9), so SQL NULL only ever means "not true".
 */
export function compileFilter(node: FilterNode, context: CompileContext, negated = false): Sql {
  switch (node.kind) {
    case 'constant': return node.value === null || node.value === negated ? FALSE : TRUE;
    case 'not': return compileFilter(node.operand, context, !negated);
    case 'and': case 'or': {
      const parts = [compileFilter(node.left, context, negated), compileFilter(node.right, context, negated)];
      return (node.kind === 'and') !== negated ? allOf(parts) : anyOf(parts);
    }
    case 'compare':
      return comparison(node.operator, operand(node.left, context), operand(node.right, context), negated);
    case 'in':
      return membership(operand(node.operand, context), node.values.map((value) => operand(value, context)), negated);
    case 'predicate': {
      // Boolean functions and properties are null when an input is null, and so are SQL's: NOT keeps that
      if (node.value.nullability === 'always') return FALSE;
      const value = compileValue(node.value, context);
      return negated ? Sql.of`NOT ${value}` : value;
    }
  }
}

function operand(node: ValueNode, context: CompileContext): Operand {
  return { sql: compileValue(node, context), nullability: node.nullability };
}

export function comparison(operator: ComparisonOperator, left: Operand, right: Operand, negated = false): Sql {
  const effective = negated ? COMPLEMENT[operator] : operator;
  const nullCase = NULL_CASES[operator][negated ? 1 : 0];
  return anyOf([compare(left, SQL_OPERATORS[effective], right), nullCondition(nullCase, left, right)]);
}

/** `left op right`, which SQL makes NULL when either side is null. */
export function compare(left: Operand, sqlOperator: string, right: Operand): Sql {
  if (left.nullability === 'always' || right.nullability === 'always') return FALSE;
  return Sql.of`${left.sql} ${Sql.raw(sqlOperator)} ${right.sql}`;
}

export function isNull(value: Operand): Sql {
  if (value.nullability === 'never') return FALSE;
  return value.nullability === 'always' ? TRUE : Sql.of`${value.sql} IS NULL`;
}

export function isNotNull(value: Operand): Sql {
  if (value.nullability === 'never') return TRUE;
  return value.nullability === 'always' ? FALSE : Sql.of`${value.sql} IS NOT NULL`;
}

function nullCondition(nullCase: NullCase, left: Operand, right: Operand): Sql {
  switch (nullCase) {
    case 'none': return FALSE;
    case 'both': return allOf([isNull(left), isNull(right)]);
    case 'any': return anyOf([isNull(left), isNull(right)]);
    case 'one': return anyOf([allOf([isNull(left), isNotNull(right)]), allOf([isNotNull(left), isNull(right)])]);
  }
}

/** OData 4.01 Part 2 5.1.1.1.11: `in` is true when the operand equals a member of the list (null equals null). */
function membership(value: Operand, items: readonly Operand[], negated: boolean): Sql {
  const present = items.filter((item) => item.nullability !== 'always');
  const listsNull = present.length < items.length;
  const list = Sql.join(present.map((item) => item.sql), ', ');
  if (!negated) {
    const member = present.length === 0 || value.nullability === 'always' ? FALSE : Sql.of`${value.sql} IN (${list})`;
    return anyOf([member, listsNull ? isNull(value) : FALSE]);
  }
  const absent = present.length === 0 ? TRUE : value.nullability === 'always' ? FALSE : Sql.of`${value.sql} NOT IN (${list})`;
  return anyOf([allOf([isNotNull(value), absent]), listsNull ? FALSE : isNull(value)]);
}
