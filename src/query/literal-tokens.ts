// Literal tokens: numbers by the ABNF's rule, GUID, date and time literals by odata-v4-parser's, names and the literals spelled as names.
import PrimitiveLiteral from 'odata-v4-parser/lib/primitiveLiteral';
import { syntaxError } from './query-errors';
import { checked, IDENTIFIER, readQuoted, stickyMatch, type Source, type Token } from './token-source';

type LiteralRule = (value: Uint16Array, index: number) => { next: number } | undefined;

// The parser's literal rules are exact for these types; dateTimeOffset runs on an upper-cased copy because
// ABNF literal strings such as "T" and "Z" are case-insensitive (RFC 5234 2.3).
const PARSER_LITERALS: ReadonlyArray<readonly [LiteralRule, string, boolean]> = [
  [PrimitiveLiteral.guidValue, 'Edm.Guid', false],
  [PrimitiveLiteral.dateTimeOffsetValue, 'Edm.DateTimeOffset', true],
  [PrimitiveLiteral.dateValue, 'Edm.Date', false],
  [PrimitiveLiteral.timeOfDayValue, 'Edm.TimeOfDay', false],
];

const NUMBER = /[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const TYPE_PREFIXES: Readonly<Record<string, string>> = {
  duration: 'Edm.Duration', binary: 'Edm.Binary', geography: 'Edm.Geography', geometry: 'Edm.Geometry',
};

export function readNumeric(source: Source, at: number): Token {
  for (const [rule, edmType, upperCase] of PARSER_LITERALS) {
    const found = rule(upperCase ? source.upperCodes : source.codes, at);
    if (found) return checked(source, { kind: 'typed', text: source.text.slice(at, found.next), at, edmType });
  }
  const text = stickyMatch(NUMBER, source.text, at) ?? '';
  const integer = /^[+-]?\d+$/.test(text);
  const value = Number(text);
  if (integer ? !Number.isSafeInteger(value) : !Number.isFinite(value)) {
    throw syntaxError(source.option, at, `the number ${text} is out of range`);
  }
  return checked(source, { kind: 'number', text, at, value, edmType: integer ? 'Edm.Int64' : 'Edm.Double' });
}

export function readName(source: Source, at: number): Token {
  const guid = /[0-9a-f]{8}-/iy;
  if (stickyMatch(guid, source.text, at) !== undefined) {
    const found = PrimitiveLiteral.guidValue(source.codes, at);
    if (found) return checked(source, { kind: 'typed', text: source.text.slice(at, found.next), at, edmType: 'Edm.Guid' });
  }
  const name = stickyMatch(IDENTIFIER, source.text, at) ?? '';
  if (source.text[at + name.length] === "'") {
    // OData 4.01 Part 2 5.1.1.14.1: duration, binary, geo and enumeration literals carry a type prefix
    const quoted = readQuoted(source, at + name.length);
    const edmType = TYPE_PREFIXES[name.toLowerCase()] ?? (name.includes('.') ? 'enumeration' : 'prefixed');
    return checked(source, { kind: 'unsupported', text: source.text.slice(at, quoted.at + quoted.text.length), at, edmType });
  }
  const lower = name.toLowerCase();
  // ABNF literal strings are case-insensitive: TRUE, Null and false are the Boolean and null literals
  if (lower === 'true' || lower === 'false') return checked(source, { kind: 'keyword', text: name, at, value: lower === 'true' });
  if (lower === 'null') return checked(source, { kind: 'keyword', text: name, at, value: null });
  if (name === 'INF' || name === 'NaN') return checked(source, { kind: 'keyword', text: name, at, value: Number(name === 'INF' ? Infinity : NaN) });
  return { kind: 'name', text: name, at, value: name };
}
