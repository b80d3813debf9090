// Edm.DateTimeOffset values: parsed from ISO 8601 with an offset, kept to the declared precision, always in UTC.
// Calendar arithmetic is done on integers of our own (proleptic Gregorian, years 0001–9999): JavaScript's Date maps
// years 0–99 to 1900–1999 in Date.UTC and new Date(y, …), which silently moved year 1 to 1901.
import { daysFromCivil, civilFromDays, isCalendarDate } from './gregorian-calendar';

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,12}))?)?(Z|([+-])(\d{2}):(\d{2}))$/i;
/** OData ABNF / XML Schema: offsets range from -14:00 to +14:00. */
const MAX_OFFSET_MINUTES = 14 * 60;

export interface UtcTimestamp {
  /** `YYYY-MM-DDTHH:MM:SS` in UTC. */
  readonly seconds: string;
  /** Fractional-second digits, without trailing zeros. */
  readonly fraction: string;
}

/** Parses a DateTimeOffset literal; returns a reason string when the value is not one. */
export function parseDateTimeOffset(text: string, precision: number): UtcTimestamp | string {
  const match = PATTERN.exec(text);
  if (!match) return 'must be an ISO 8601 timestamp with a time zone offset, e.g. 2017-06-25T07:00:00Z';
  const [, year, month, day, hour, minute, second = '00', rawFraction = '', , sign, offsetHours, offsetMinutes] = match;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number);
  if (!isCalendarDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return 'is not a valid calendar date and time';
  let offset = 0;
  if (sign !== undefined) {
    if (Number(offsetMinutes) > 59) return 'has a time zone offset whose minutes are not 00 to 59';
    offset = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
    if (Math.abs(offset) > MAX_OFFSET_MINUTES) return 'has a time zone offset outside -14:00 to +14:00';
  }
  const fraction = rawFraction.replace(/0+$/, '');
  if (fraction.length > precision) {
    return `has more than ${precision} fractional second digits (Precision=${precision})`;
  }
  const utcMinutes = (daysFromCivil(y, mo, d) * 24 + h) * 60 + mi - offset;
  const days = Math.floor(utcMinutes / 1440);
  const [uy, umo, ud] = civilFromDays(days);
  if (uy < 1 || uy > 9999) return 'is outside 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z';
  const minuteOfDay = utcMinutes - days * 1440;
  return { seconds: formatSeconds(uy, umo, ud, Math.floor(minuteOfDay / 60), minuteOfDay % 60, s), fraction };
}

function formatSeconds(year: number, month: number, day: number, hour: number, minute: number, second: number): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

/** The JSON form: UTC with `Z`, fractional digits only as far as they are significant. */
export function toWireTimestamp(value: UtcTimestamp): string {
  return `${value.seconds}${value.fraction ? `.${value.fraction}` : ''}Z`;
}

/** A fixed-width form whose text order is time order (the stored form on both engines). */
export function toSortableTimestamp(value: UtcTimestamp, precision: number): string {
  return `${value.seconds}${precision > 0 ? `.${value.fraction.padEnd(precision, '0')}` : ''}Z`;
}

/** The width of the sortable form at a precision: `YYYY-MM-DDTHH:MM:SSZ` plus `.` and the digits. */
export function sortableTimestampWidth(precision: number): number {
  return 20 + (precision > 0 ? precision + 1 : 0);
}

const SORTABLE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/** Reads back what a database returned: a sortable text, a PostgreSQL timestamptz text or a Date. */
export function fromStoredTimestamp(stored: unknown): string | null {
  if (stored === null || stored === undefined) return null;
  // The hot path: our own sortable UTC text only needs its insignificant fractional zeros dropped.
  if (typeof stored === 'string' && SORTABLE.test(stored)) return trimFraction(stored);
  if (stored instanceof Date) return toWireTimestamp(parseStored(stored.toISOString()));
  return toWireTimestamp(parseStored(String(stored).replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')));
}

/** `…:SS.120000Z` → `…:SS.12Z`, `…:SS.000000Z` → `…:SSZ` (a plain loop: this runs for every timestamp read). */
function trimFraction(sortable: string): string {
  if (sortable.length <= 20) return sortable; // no fraction: YYYY-MM-DDTHH:MM:SSZ
  let end = sortable.length - 1; // at 'Z'
  while (sortable.charCodeAt(end - 1) === 48) end -= 1; // '0'
  if (sortable.charCodeAt(end - 1) === 46) end -= 1; // '.'
  return end === sortable.length - 1 ? sortable : `${sortable.slice(0, end)}Z`;
}

function parseStored(text: string): UtcTimestamp {
  const parsed = parseDateTimeOffset(text, 12);
  if (typeof parsed === 'string') throw new Error(`stored timestamp '${text}' ${parsed}`);
  return parsed;
}
