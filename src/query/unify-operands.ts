// Gives both sides of a comparison one type: a literal takes the type of what it meets, now() its precision (OData 4.01 Part 2 5.1.1, type discrepancies are rejected).
import type { Operand } from './canonical-functions';
import type { ValueNode } from './filter-node';
import { coerceLiteral, naturalType, typeFamily } from './literal-coercion';
import { badRequest, notImplemented } from './query-errors';

export function unifyOperands(left: Operand, right: Operand, option: string): [ValueNode, ValueNode] {
  if (left.kind === 'pending' && right.kind === 'pending') {
    if (naturalType(left).name === 'null') {
      const settled = coerceLiteral(right, naturalType(right), 'itself');
      return [coerceLiteral(left, settled.type, 'a literal'), settled];
    }
    const settled = coerceLiteral(left, naturalType(left), 'itself');
    return [settled, coerceLiteral(right, settled.type, 'a literal')];
  }
  if (left.kind === 'pending') return [coerceLiteral(left, (right as ValueNode).type, describeValue(right as ValueNode)), right as ValueNode];
  if (right.kind === 'pending') return [left, coerceLiteral(right, left.type, describeValue(left))];
  return alignValues(left, right, option);
}

function alignValues(left: ValueNode, right: ValueNode, option: string): [ValueNode, ValueNode] {
  if (typeFamily(left.type.name) !== typeFamily(right.type.name)) {
    throw badRequest(`${describeValue(left)} (${left.type.name}) cannot be compared with ${describeValue(right)} (${right.type.name}) in ${option}.`, option);
  }
  if (left.kind === 'now') return [{ ...left, type: right.type }, right];
  if (right.kind === 'now') return [left, { ...right, type: left.type }];
  // Fixed-width text on SQLite compares correctly only at equal precision, so both engines refuse the rest alike
  if ((left.type.precision ?? 0) !== (right.type.precision ?? 0)) {
    throw notImplemented(`Comparing ${describeValue(left)} and ${describeValue(right)}, which have different precisions, is not supported (${option}).`, option);
  }
  return [left, right];
}

export function describeValue(node: ValueNode): string {
  if (node.kind === 'property') return `'${node.property.name}'`;
  if (node.kind === 'call') return `${node.name}()`;
  return node.kind === 'now' ? 'now()' : 'a literal';
}
