// The canonical functions the service implements (OData 4.01 Part 2 5.1.1.5 to 5.1.1.8) with their signatures, and the ones answered with 501.
import type { RawNode } from './raw-node';
import type { FunctionName, Nullability, ValueNode, ValueType } from './filter-node';
import { coerceLiteral, naturalType, type PendingLiteral } from './literal-coercion';
import { badRequest, notImplemented } from './query-errors';

export type Operand = ValueNode | PendingLiteral;

interface Signature {
  /** Accepted Edm types per parameter. */
  readonly params: readonly (readonly string[])[];
  readonly minArgs?: number;
  readonly returns: (args: readonly ValueNode[]) => ValueType;
}

const STRING = ['Edm.String'];
const fixed = (name: string) => () => ({ name });
const text = (params: number, returns: string): Signature => ({ params: Array(params).fill(STRING), returns: fixed(returns) });
const part = (types: readonly string[]): Signature => ({ params: [types], returns: fixed('Edm.Int32') });

const SIGNATURES: Readonly<Record<FunctionName, Signature>> = {
  contains: text(2, 'Edm.Boolean'), startswith: text(2, 'Edm.Boolean'), endswith: text(2, 'Edm.Boolean'),
  length: text(1, 'Edm.Int32'), indexof: text(2, 'Edm.Int32'), concat: text(2, 'Edm.String'),
  tolower: text(1, 'Edm.String'), toupper: text(1, 'Edm.String'), trim: text(1, 'Edm.String'),
  substring: { params: [STRING, ['Edm.Int32'], ['Edm.Int32']], minArgs: 2, returns: fixed('Edm.String') },
  year: part(['Edm.DateTimeOffset', 'Edm.Date']), month: part(['Edm.DateTimeOffset', 'Edm.Date']), day: part(['Edm.DateTimeOffset', 'Edm.Date']),
  hour: part(['Edm.DateTimeOffset', 'Edm.TimeOfDay']), minute: part(['Edm.DateTimeOffset', 'Edm.TimeOfDay']),
  second: part(['Edm.DateTimeOffset', 'Edm.TimeOfDay']),
  date: { params: [['Edm.DateTimeOffset']], returns: fixed('Edm.Date') },
  time: { params: [['Edm.DateTimeOffset']], returns: ([value]) => ({ name: 'Edm.TimeOfDay', precision: value.type.precision ?? 0 }) },
};

/** Canonical functions of OData 4.01 that this service does not implement. */
const NOT_IMPLEMENTED = new Set([
  'fractionalseconds', 'totaloffsetminutes', 'totalseconds', 'maxdatetime', 'mindatetime', 'round', 'floor', 'ceiling',
  'cast', 'isof', 'matchespattern', 'hassubset', 'hassubsequence', 'case',
]);
const INT32_MAX = 2147483647;
const DATE_PARTS = new Set(['year', 'month', 'day', 'hour', 'minute', 'second', 'date', 'time']);

/** Throws 501 for a canonical function this service does not implement (called as soon as the name is read). */
export function rejectUnsupportedFunction(name: string, option: string): void {
  if (NOT_IMPLEMENTED.has(name.toLowerCase())) throw notImplemented(`The function '${name}' is not supported (${option}).`, name);
}

export function bindCall(call: Extract<RawNode, { kind: 'call' }>, option: string, bindOperand: (node: RawNode) => Operand): ValueNode {
  const name = call.name.toLowerCase(); // OData 4.01 Part 2 5.1.1.4: canonical function names are case-insensitive
  rejectUnsupportedFunction(call.name, option);
  if (name === 'now') {
    if (call.args.length > 0) throw badRequest(`The function now() takes no arguments (${option}).`, call.name);
    return { kind: 'now', type: { name: 'Edm.DateTimeOffset', precision: 12 }, nullability: 'never' };
  }
  const signature = (SIGNATURES as Readonly<Record<string, Signature | undefined>>)[name];
  if (!signature) throw badRequest(`Unknown function '${call.name}' in ${option}.`, call.name);
  const min = signature.minArgs ?? signature.params.length;
  if (call.args.length < min || call.args.length > signature.params.length) {
    const count = min === signature.params.length ? `${min}` : `${min} or ${signature.params.length}`;
    throw badRequest(`The function '${call.name}' takes ${count} arguments (${option}).`, call.name);
  }
  const args = call.args.map((arg, index) => bindArgument(bindOperand(arg), signature.params[index], name, index, option));
  if (name === 'substring') checkSubstringBounds(args, option);
  return { kind: 'call', name: name as FunctionName, args, type: signature.returns(args), nullability: combinedNullability(args) };
}

function bindArgument(operand: Operand, accepted: readonly string[], name: string, index: number, option: string): ValueNode {
  if (operand.kind === 'pending') {
    const own = naturalType(operand);
    // OData 4.01 Part 2 5.1.1.8: services that normalize to UTC must fail date parts of literals in other time zones
    if (DATE_PARTS.has(name) && own.name === 'Edm.DateTimeOffset' && !/(z|[+-]00:00)$/i.test(operand.token?.text ?? '')) {
      throw badRequest(`The function '${name}' needs DateTimeOffset literals in UTC (Z), because values are stored in UTC (${option}).`, name);
    }
    return coerceLiteral(operand, accepted.includes(own.name) ? own : { name: accepted[0] }, `argument ${index + 1} of ${name}()`);
  }
  if (!accepted.includes(operand.type.name)) {
    throw badRequest(`Argument ${index + 1} of ${name}() must be ${accepted.join(' or ')}, not ${operand.type.name} (${option}).`, name);
  }
  return operand;
}

/** OData 4.01 Part 2 5.1.1.5.7: a negative length is a bad request; a negative start is optional and not supported. */
function checkSubstringBounds(args: readonly ValueNode[], option: string): void {
  for (const [index, arg] of args.slice(1).entries()) {
    if (arg.kind !== 'literal' || arg.value === null) {
      throw notImplemented(`substring() supports integer literals only as its start and length (${option}).`, 'substring');
    }
    if (!Number.isInteger(arg.value)) throw badRequest(`substring() takes integer start and length values (${option}).`, 'substring');
    // Its parameters are Edm.Int32 (Part 2 5.1.1.5.7): a larger literal is not an Int32
    if (Math.abs(Number(arg.value)) > INT32_MAX) {
      throw badRequest(`substring() takes Edm.Int32 start and length values, at most ${INT32_MAX}; ${String(arg.value)} is larger (${option}).`, 'substring');
    }
    if (Number(arg.value) < 0 && index === 0) throw notImplemented(`substring() with a negative start is not supported (${option}).`, 'substring');
    if (Number(arg.value) < 0) throw badRequest(`substring() with a negative length is a bad request (${option}).`, 'substring');
  }
}

export function combinedNullability(nodes: readonly ValueNode[]): Nullability {
  if (nodes.some((node) => node.nullability === 'always')) return 'always';
  return nodes.some((node) => node.nullability === 'maybe') ? 'maybe' : 'never';
}
