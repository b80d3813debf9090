// One table for the Edm primitive types the service supports: value check, column types, conversions.
import type { EdmProperty } from './service-model';
import { fromStoredTimestamp, parseDateTimeOffset, toSortableTimestamp } from './date-time-offset';
import { isCalendarDate } from './gregorian-calendar';

export type Engine = 'sqlite' | 'postgres';

/** The outcome of checking one JSON value: the value to store, or why it is refused. */
export type CheckedValue = { readonly ok: true; readonly stored: unknown } | { readonly ok: false; readonly reason: string };

export interface EdmPrimitiveType {
  readonly name: string;
  /** TypeORM column type for each engine. */
  readonly column: Readonly<Record<Engine, string>>;
  /** A column collation where the engine's default would order the stored form wrongly. */
  readonly collation?: Readonly<Partial<Record<Engine, string>>>;
  /** Checks a non-null JSON value against the type and the property's facets. */
  check(value: unknown, property: EdmProperty): CheckedValue;
  /** Turns what the database returned into the JSON value. */
  fromStored(stored: unknown): unknown;
}

const ok = (stored: unknown): CheckedValue => ({ ok: true, stored });
const refuse = (reason: string): CheckedValue => ({ ok: false, reason });
const identity = (stored: unknown) => stored;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day in years 0001–9999 (not 2017-02-30, not year 0000). */
function isDate(value: unknown): value is string {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  return match !== null && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

function integer(name: string, min: number, max: number, column: Record<Engine, string>): EdmPrimitiveType {
  return {
    name,
    column,
    check: (value) => (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
      ? ok(value) : refuse(`must be an integer from ${min} to ${max}`)),
    fromStored: (stored) => (stored === null ? null : Number(stored)),
  };
}

const types: readonly EdmPrimitiveType[] = [
  {
    name: 'Edm.String',
    column: { sqlite: 'text', postgres: 'text' },
    check: (value, property) => {
      if (typeof value !== 'string') return refuse('must be a string');
      // Lone surrogates cannot be stored as UTF-8, and PostgreSQL text cannot hold U+0000: refuse both alike.
      if (!(value as string & { isWellFormed(): boolean }).isWellFormed() || value.includes('\u0000')) {
        return refuse('must be valid Unicode text without U+0000');
      }
      if (property.maxLength !== undefined && [...value].length > property.maxLength) {
        return refuse(`must be at most ${property.maxLength} characters (MaxLength)`);
      }
      return ok(value);
    },
    fromStored: identity,
  },
  {
    name: 'Edm.Boolean',
    column: { sqlite: 'boolean', postgres: 'boolean' },
    check: (value) => (typeof value === 'boolean' ? ok(value) : refuse('must be true or false')),
    fromStored: (stored) => (stored === null ? null : Boolean(stored)),
  },
  integer('Edm.Int16', -32768, 32767, { sqlite: 'integer', postgres: 'smallint' }),
  integer('Edm.Int32', -2147483648, 2147483647, { sqlite: 'integer', postgres: 'integer' }),
  integer('Edm.Int64', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, { sqlite: 'integer', postgres: 'bigint' }),
  {
    name: 'Edm.Double',
    column: { sqlite: 'real', postgres: 'double precision' },
    check: (value) => (typeof value === 'number' && Number.isFinite(value) ? ok(value) : refuse('must be a number')),
    fromStored: (stored) => (stored === null ? null : Number(stored)),
  },
  {
    name: 'Edm.Guid',
    column: { sqlite: 'varchar', postgres: 'uuid' },
    check: (value) => (typeof value === 'string' && GUID.test(value) ? ok(value.toLowerCase()) : refuse('must be a GUID')),
    fromStored: identity,
  },
  {
    name: 'Edm.Date',
    column: { sqlite: 'varchar', postgres: 'date' },
    check: (value) => (isDate(value) ? ok(value) : refuse('must be a calendar date from 0001-01-01 to 9999-12-31, e.g. 2017-06-25')),
    fromStored: (stored) => (stored instanceof Date ? stored.toISOString().slice(0, 10) : stored),
  },
  {
    name: 'Edm.DateTimeOffset',
    // The fixed-width UTC text of toSortableTimestamp on both engines: text order is time order at any Precision up to 12
    // digits (PostgreSQL's timestamptz would keep only microseconds; Graph and .NET send 100-ns ticks, 7 digits).
    column: { sqlite: 'varchar', postgres: 'text' },
    collation: { postgres: 'C' },
    check: (value, property) => {
      if (typeof value !== 'string') return refuse('must be an ISO 8601 timestamp string with a time zone offset');
      const precision = property.precision ?? 0;
      const parsed = parseDateTimeOffset(value, precision);
      return typeof parsed === 'string' ? refuse(parsed) : ok(toSortableTimestamp(parsed, precision));
    },
    fromStored: fromStoredTimestamp,
  },
];

const byName = new Map(types.map((type) => [type.name, type]));

export function findPrimitiveType(name: string): EdmPrimitiveType | undefined {
  return byName.get(name);
}

export function primitiveType(name: string): EdmPrimitiveType {
  const type = byName.get(name);
  if (!type) throw new Error(`unsupported Edm type ${name}`);
  return type;
}

export function supportedPrimitiveTypes(): readonly string[] {
  return types.map((type) => type.name);
}
