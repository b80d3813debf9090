// fast-check arbitraries of valid Edm values with their expected wire form, computed without the code under test.
import fc from 'fast-check';

/** Any well-formed string without U+0000 (what Edm.String accepts): every plane, empty strings included. */
export const edmString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', '\u{10FFFF}', '\u{1F600}', '\u{E0001}', '\uFFFF', '\u0001', '\u2028', ' ', "'", '"', '\\', 'é', 'e\u0301'),
).filter((text) => !text.includes('\u0000') && (text as string & { isWellFormed(): boolean }).isWellFormed());

const pad = (value: number, width = 2) => String(Math.abs(value)).padStart(width, '0');

export interface TimestampCase {
  /** What the client sends: any offset from -14:00 to +14:00, up to 7 fractional digits. */
  readonly input: string;
  /** The value read back, in UTC with significant digits; undefined when the instant is outside 0001–9999 in UTC. */
  readonly wire: string | undefined;
}

/** Days in a month, from JavaScript's own calendar (setUTCFullYear handles years 0–99, Date.UTC does not). */
function daysIn(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

export const timestampCase: fc.Arbitrary<TimestampCase> = fc.record({
  year: fc.oneof(fc.integer({ min: 1, max: 9999 }), fc.constantFrom(1, 2, 99, 100, 1969, 1970, 9998, 9999)),
  month: fc.integer({ min: 1, max: 12 }),
  dayFraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
  second: fc.integer({ min: 0, max: 59 }),
  fraction: fc.oneof(fc.stringMatching(/^\d{0,7}$/), fc.constantFrom('', '9999999', '0000001', '1', '5000000')),
  offset: fc.oneof(fc.integer({ min: -840, max: 840 }), fc.constantFrom(0, 840, -840, 345, -570)),
  zulu: fc.boolean(),
}).map(({ year, month, dayFraction, hour, minute, second, fraction, offset, zulu }) => {
  const day = 1 + Math.floor(dayFraction * daysIn(year, month));
  const useZ = zulu && offset === 0;
  const offsetText = useZ ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
  const input = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${fraction ? `.${fraction}` : ''}${offsetText}`;
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute - offset, second, 0);
  const significant = fraction.replace(/0+$/, '');
  const inRange = utc.getUTCFullYear() >= 1 && utc.getUTCFullYear() <= 9999;
  return { input, wire: inRange ? `${utc.toISOString().slice(0, 19)}${significant ? `.${significant}` : ''}Z` : undefined };
});

export interface ValueCase {
  readonly input: unknown;
  readonly wire: unknown;
}

const dateCase: fc.Arbitrary<ValueCase> = fc.record({
  year: fc.oneof(fc.integer({ min: 1, max: 9999 }), fc.constantFrom(1, 9999)), month: fc.integer({ min: 1, max: 12 }),
  dayFraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
}).map(({ year, month, dayFraction }) => {
  const text = `${pad(year, 4)}-${pad(month)}-${pad(1 + Math.floor(dayFraction * daysIn(year, month)))}`;
  return { input: text, wire: text };
});

const same = (value: unknown): ValueCase => ({ input: value, wire: value });
const integerCase = (min: number, max: number) => fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max, 0, -1, 1)).map(same);

/** Valid values of each Edm type the type table supports, with edges weighted in. */
export const VALUE_CASES: Readonly<Record<string, fc.Arbitrary<ValueCase>>> = {
  'Edm.String': edmString.map(same),
  'Edm.Boolean': fc.boolean().map(same),
  'Edm.Int16': integerCase(-32768, 32767),
  'Edm.Int32': integerCase(-2147483648, 2147483647),
  'Edm.Int64': fc.oneof(fc.maxSafeInteger(), fc.constantFrom(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)).map(same),
  // JSON has no -0: the value the client really sends is what JSON.stringify makes of it
  'Edm.Double': fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => same(JSON.parse(JSON.stringify(value)))),
  'Edm.Guid': fc.uuid().chain((uuid) => fc.boolean().map((upper) => ({ input: upper ? uuid.toUpperCase() : uuid, wire: uuid.toLowerCase() }))),
  'Edm.Date': dateCase,
  'Edm.DateTimeOffset': timestampCase.filter((value) => value.wire !== undefined).map(({ input, wire }) => ({ input, wire })),
};
