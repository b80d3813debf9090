// Edm.DateTimeOffset values: parsed from ISO 8601 with an offset, kept to the declared precision, always in UTC.

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,12}))?)?(Z|[+-]\d{2}:\d{2})$/i;

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
  const [, year, month, day, hour, minute, second = '00', rawFraction = '', offset] = match;
  const fields = [year, month, day, hour, minute, second].map(Number);
  const utcMillis = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5]);
  const check = new Date(utcMillis);
  if (fields[0] < 1 || check.getUTCMonth() !== fields[1] - 1 || check.getUTCDate() !== fields[2]
      || fields[3] > 23 || fields[4] > 59 || fields[5] > 59) {
    return 'is not a valid calendar date and time';
  }
  const fraction = rawFraction.replace(/0+$/, '');
  if (fraction.length > precision) {
    return `has more than ${precision} fractional second digits (Precision=${precision})`;
  }
  const shifted = new Date(utcMillis - offsetMinutes(offset) * 60_000);
  if (shifted.getUTCFullYear() < 1 || shifted.getUTCFullYear() > 9999) return 'is outside years 0001 to 9999';
  return { seconds: formatSeconds(shifted), fraction };
}

function offsetMinutes(offset: string): number {
  if (offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

function formatSeconds(date: Date): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
    + `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** The JSON form: UTC with `Z`, fractional digits only as far as they are significant. */
export function toWireTimestamp(value: UtcTimestamp): string {
  return `${value.seconds}${value.fraction ? `.${value.fraction}` : ''}Z`;
}

/** A fixed-width form whose text order is time order (used where the column is text). */
export function toSortableTimestamp(value: UtcTimestamp, precision: number): string {
  return `${value.seconds}${precision > 0 ? `.${value.fraction.padEnd(precision, '0')}` : ''}Z`;
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
