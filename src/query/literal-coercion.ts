// Types literals: alone by their own form, or as the type of what they meet, converted to the stored form through the Edm type table.
import { primitiveType } from '../model/edm-primitive-types';
import type { EdmProperty } from '../model/service-model';
import type { Token } from './expression-lexer';
import type { ValueNode, ValueType } from './filter-node';
import { badRequest, notImplemented } from './query-errors';

/** A literal whose type is not yet fixed; `token` is undefined for an alias the query gives no value (null). */
export interface PendingLiteral {
  readonly kind: 'pending';
  readonly token?: Token;
  readonly option: string;
}

const NUMERIC = new Set(['Edm.Byte', 'Edm.SByte', 'Edm.Int16', 'Edm.Int32', 'Edm.Int64', 'Edm.Single', 'Edm.Double', 'Edm.Decimal']);
const TIME_OF_DAY = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,12}))?)?$/;
/** The most fractional digits a literal can carry (OData ABNF fractionalSeconds). */
export const LITERAL_PRECISION = 12;

/** Types that compare with each other: all numeric types are one family (OData 4.01 Part 2 5.1.1.18). */
export function typeFamily(name: string): string {
  return NUMERIC.has(name) ? 'numeric' : name;
}

export function naturalType(literal: PendingLiteral): ValueType {
  const token = literal.token;
  if (token === undefined || (token.kind === 'keyword' && token.value === null)) return { name: 'null' };
  switch (token.kind) {
    case 'string': case 'json': return { name: 'Edm.String' };
    case 'number': return { name: token.edmType === 'Edm.Int64' && Math.abs(Number(token.value)) <= 2147483647 ? 'Edm.Int32' : String(token.edmType) };
    case 'keyword':
      if (typeof token.value === 'boolean') return { name: 'Edm.Boolean' };
      throw notImplemented(`The literal ${token.text} is not supported (${literal.option}).`, literal.option);
    case 'typed':
      return token.edmType === 'Edm.DateTimeOffset' || token.edmType === 'Edm.TimeOfDay'
        ? { name: token.edmType, precision: LITERAL_PRECISION } : { name: String(token.edmType) };
    default:
      throw notImplemented(`Literals of type ${token.edmType ?? token.kind} are not supported (${literal.option}).`, literal.option);
  }
}

/** Converts the literal to `target` (what it is compared with or passed to); `counterpart` names that for messages. */
export function coerceLiteral(literal: PendingLiteral, target: ValueType, counterpart: string): ValueNode {
  const own = naturalType(literal);
  if (own.name === 'null') return { kind: 'literal', value: null, type: target, nullability: 'always' };
  const type = target.name === 'null' ? own : target;
  if (typeFamily(own.name) !== typeFamily(type.name)) {
    throw badRequest(`The literal ${literal.token?.text} (${own.name}) cannot be used with ${counterpart} (${type.name}) in ${literal.option}.`, literal.option);
  }
  const valueType = typeFamily(own.name) === 'numeric' ? own : type;
  return { kind: 'literal', value: storedValue(literal, valueType, counterpart), type: valueType, nullability: 'never' };
}

function storedValue(literal: PendingLiteral, type: ValueType, counterpart: string): unknown {
  const token = literal.token as Token;
  const reject = (reason: string) => badRequest(`The literal ${token.text} in ${literal.option} ${reason}.`, literal.option);
  switch (type.name) {
    case 'Edm.Guid': case 'Edm.Date': case 'Edm.DateTimeOffset': {
      // The same conversion as stored values: DateTimeOffset becomes fixed-width UTC text, GUIDs lower case
      const checked = primitiveType(type.name).check(token.text, facets(type, counterpart));
      if (!checked.ok) throw reject(checked.reason);
      return checked.stored;
    }
    case 'Edm.TimeOfDay':
      return timeOfDay(token.text, type.precision ?? 0, reject);
    default:
      return token.value;
  }
}

function facets(type: ValueType, name: string): EdmProperty {
  return {
    name, type: type.name, nullable: true, precision: type.precision, computed: false, computedDefaultValue: false,
    declaredBy: '', annotations: {},
  };
}

/** TimeOfDay as fixed-width text `HH:MM:SS.fff…` (the time part of the stored DateTimeOffset form). */
function timeOfDay(text: string, precision: number, reject: (reason: string) => Error): string {
  const match = TIME_OF_DAY.exec(text);
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59 || Number(match[3] ?? 0) > 59) {
    throw reject('is not a valid time of day');
  }
  const fraction = (match[4] ?? '').replace(/0+$/, '');
  if (fraction.length > precision) throw reject(`has more than ${precision} fractional second digits (Precision=${precision})`);
  const seconds = `${match[1]}:${match[2]}:${match[3] ?? '00'}`;
  return precision > 0 ? `${seconds}.${fraction.padEnd(precision, '0')}` : seconds;
}
