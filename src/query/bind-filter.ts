// Binds a parsed $filter to the model: property names from the entity type only, functions and literals typed, null semantics kept for SQL.
import type { EntitySet } from '../model/service-model';
import type { AliasScope } from './alias-scope';
import { bindCall, type Operand } from './canonical-functions';
import type { RawNode } from './raw-node';
import type { FilterNode, ValueNode } from './filter-node';
import { coerceLiteral, naturalType, type PendingLiteral } from './literal-coercion';
import { badRequest, notImplemented } from './query-errors';
import { describeValue, unifyOperands } from './unify-operands';

export interface BindContext {
  readonly entitySet: EntitySet;
  readonly aliases: AliasScope;
  /** The option or alias whose text is being bound, for messages. */
  readonly option: string;
}

type Raw<K extends RawNode['kind']> = Extract<RawNode, { kind: K }>;

export function bindFilter(node: RawNode, context: BindContext): FilterNode {
  switch (node.kind) {
    case 'binary': return bindBinary(node, context);
    case 'not': return { kind: 'not', operand: bindFilter(node.operand, context) };
    case 'in': return bindIn(node, context);
    case 'alias':
      return context.aliases.resolve(node.name, (value, option) => (value === undefined
        ? { kind: 'constant', value: null } : bindFilter(value, { ...context, option })));
    case 'literal':
      if (node.token.kind === 'keyword' && (typeof node.token.value === 'boolean' || node.token.value === null)) {
        return { kind: 'constant', value: node.token.value as boolean | null };
      }
      throw badRequest(`${context.option} must be a Boolean expression, not the literal ${node.token.text}.`, context.option);
    default: {
      const value = bindValue(node, context);
      if (value.type.name !== 'Edm.Boolean') {
        throw badRequest(`${context.option} must be a Boolean expression; ${describeValue(value)} is ${value.type.name}.`, context.option);
      }
      return { kind: 'predicate', value };
    }
  }
}

function bindBinary(node: Raw<'binary'>, context: BindContext): FilterNode {
  if (node.operator === 'and' || node.operator === 'or') {
    return { kind: node.operator, left: bindFilter(node.left, context), right: bindFilter(node.right, context) };
  }
  const [left, right] = unifyOperands(bindOperand(node.left, context), bindOperand(node.right, context), context.option);
  return { kind: 'compare', operator: node.operator, left, right };
}

/** OData 4.01 Part 2 5.1.1.1.11: the right operand of `in` is a list of literals (or an alias whose value is one). */
function bindIn(node: Raw<'in'>, context: BindContext): FilterNode {
  const operand = settle(bindOperand(node.operand, context));
  const items = listItems(node.list, context);
  const values = items.map(({ item, option }) => {
    const literal = literalOf(item, { ...context, option });
    return coerceLiteral(literal, operand.type, describeValue(operand));
  });
  return { kind: 'in', operand, values };
}

function listItems(list: RawNode, context: BindContext): { item: RawNode; option: string }[] {
  if (list.kind === 'list') return list.items.map((item) => ({ item, option: context.option }));
  if (list.kind === 'alias') {
    return context.aliases.resolve(list.name, (value, option) => (value === undefined ? [] : listItems(value, { ...context, option })));
  }
  throw badRequest(`The right operand of 'in' must be a list of literals in parentheses (${context.option}, position ${list.at}).`, context.option);
}

function literalOf(item: RawNode, context: BindContext): PendingLiteral {
  if (item.kind === 'literal') return { kind: 'pending', token: item.token, option: context.option };
  if (item.kind === 'alias') {
    return context.aliases.resolve(item.name, (value, option) => (value === undefined
      ? { kind: 'pending', option } : literalOf(value, { ...context, option })));
  }
  throw badRequest(`The list of 'in' may contain literals only (${context.option}, position ${item.at}).`, context.option);
}

export function bindOperand(node: RawNode, context: BindContext): Operand {
  switch (node.kind) {
    case 'literal': return { kind: 'pending', token: node.token, option: context.option };
    case 'member': return propertyNode(node.name, context);
    case 'call': return bindCall(node, context.option, (arg) => bindOperand(arg, context));
    case 'alias':
      return context.aliases.resolve(node.name, (value, option) => (value === undefined
        ? { kind: 'pending', option } : bindOperand(value, { ...context, option })));
    case 'not': {
      const operand = bindValue(node.operand, context);
      if (operand.type.name !== 'Edm.Boolean') {
        // OData 4.01 Part 2 5.1.1.17: not binds tighter than eq, so "not a eq b" is "(not a) eq b"
        throw badRequest(`'not' needs a Boolean operand, but ${describeValue(operand)} is ${operand.type.name}: write not (…) to negate a comparison (${context.option}, position ${node.at}).`, context.option);
      }
      throw notImplemented(`Comparing the result of 'not' is not supported (${context.option}, position ${node.at}).`, context.option);
    }
    case 'list':
      throw notImplemented(`Collection literals are supported only as the right operand of 'in' (${context.option}, position ${node.at}).`, context.option);
    default:
      throw notImplemented(`Comparing or passing on the result of '${node.kind === 'binary' ? node.operator : node.kind}' is not supported (${context.option}, position ${node.at}).`, context.option);
  }
}

export function bindValue(node: RawNode, context: BindContext): ValueNode {
  return settle(bindOperand(node, context));
}

function settle(operand: Operand): ValueNode {
  return operand.kind === 'pending' ? coerceLiteral(operand, naturalType(operand), 'itself') : operand;
}

function propertyNode(name: string, context: BindContext): ValueNode {
  const property = context.entitySet.entityType.properties.find((candidate) => candidate.name === name);
  if (!property) throw badRequest(`Could not find a property named '${name}' (${context.option}).`, name);
  const precision = property.type === 'Edm.DateTimeOffset' ? property.precision ?? 0 : undefined;
  return { kind: 'property', property, type: { name: property.type, precision }, nullability: property.nullable ? 'maybe' : 'never' };
}
