// The expected answers, computed in plain JS from the fixture by OData's rules, independently of the parser and the SQL.
import type { EventRow } from './query-fixture';

export type Row = EventRow;

/** Code point order: what SQLite's BINARY and PostgreSQL's "C" collation give for UTF-8. */
export function compareText(left: string, right: string): number {
  const a = [...left].map((character) => character.codePointAt(0) as number);
  const b = [...right].map((character) => character.codePointAt(0) as number);
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    if (a[index] !== b[index]) return a[index] - b[index];
  }
  return a.length - b.length;
}

/** DateTimeOffset wire values (all UTC) as microseconds since the epoch. */
export function micros(wire: string): number {
  const [, seconds, fraction = ''] = /^(.{19})(?:\.(\d+))?Z$/.exec(wire) ?? [];
  return Date.parse(`${seconds}Z`) * 1000 + Number(fraction.padEnd(6, '0'));
}

const TEMPORAL = new Set(['creationDateTime', 'expirationDateTime']);

/** Exact at any precision up to the 12 digits of the ABNF, and for years 0001–0099 (no Date arithmetic). */
export function timestampKey(wire: string): string {
  const [, seconds, fraction = ''] = /^(.{19})(?:\.(\d+))?Z$/.exec(wire) ?? [];
  return `${seconds}.${fraction.padEnd(12, '0')}`;
}

export function compareValues(property: string, left: string, right: string): number {
  return TEMPORAL.has(property) ? compareText(timestampKey(left), timestampKey(right)) : compareText(left, right);
}

/** OData 4.01 Part 1 11.2.6.2: nulls first ascending, last descending. */
export function orderRows(rows: readonly Row[], order: readonly (readonly [string, 'asc' | 'desc'])[]): Row[] {
  const keys = order.some(([property]) => property === 'id') ? order : [...order, ['id', 'asc'] as const];
  return [...rows].sort((a, b) => {
    for (const [property, direction] of keys) {
      const left = a[property];
      const right = b[property];
      const sign = direction === 'asc' ? 1 : -1;
      if (left === null && right === null) continue;
      if (left === null || right === null) return (left === null ? -1 : 1) * sign;
      const result = compareValues(property, left, right);
      if (result !== 0) return result * sign;
    }
    return 0;
  });
}

export const asciiLower = (text: string): string => text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
export const asciiUpper = (text: string): string => text.replace(/[a-z]/g, (letter) => letter.toUpperCase());
export const codePoints = (text: string): string[] => [...text];

const WHITE_SPACE = new Set([...'\t\n\u000B\f\r \u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000']);

export function unicodeTrim(text: string): string {
  const characters = [...text];
  let start = 0;
  let end = characters.length;
  while (start < end && WHITE_SPACE.has(characters[start])) start += 1;
  while (end > start && WHITE_SPACE.has(characters[end - 1])) end -= 1;
  return characters.slice(start, end).join('');
}

/** 0-based code point index, -1 when absent (OData indexof). */
export function indexOf(text: string, search: string): number {
  const index = text.indexOf(search);
  return index < 0 ? -1 : [...text.slice(0, index)].length;
}

/** OData comparisons are two-valued: null equals only null; ordering comparisons with a null operand are false. */
export const eq = (a: string | number | null, b: string | number | null): boolean => a === b;
export const gtText = (a: string | null, b: string): boolean => a !== null && compareText(a, b) > 0;
export const ltText = (a: string | null, b: string): boolean => a !== null && compareText(a, b) < 0;

export function utcPart(wire: string | null, part: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second'): number | null {
  if (wire === null) return null;
  const date = new Date(Math.floor(micros(wire) / 1000));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: date.getUTCHours(),
    minute: date.getUTCMinutes(), second: date.getUTCSeconds() }[part];
}
