// The two SQL dialects, written to give the same answers: bytewise string order, ASCII-only case folding, Unicode whitespace trim, UTC date parts.
import type { EdmProperty } from '../model/service-model';
import { Sql, type Dialect } from './sql-fragment';

export type DatePart = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';

export interface SqlDialect {
  readonly name: Dialect;
  identifier(name: string): Sql;
  /** A column of the entity set's table; strings compare bytewise (code point order) on both engines. */
  column(property: EdmProperty): Sql;
  /** A bound parameter holding a stored value of the given Edm type, or SQL NULL. */
  value(value: unknown, edmType: string): Sql;
  lower(text: Sql): Sql;
  upper(text: Sql): Sql;
  /** 1-based character position of `search` in `text`, 0 when absent. */
  position(text: Sql, search: Sql): Sql;
  trim(text: Sql): Sql;
  datePart(part: DatePart, value: Sql, edmType: string): Sql;
  date(value: Sql): Sql;
  time(value: Sql, precision: number): Sql;
}

/** Unicode White_Space (PropList.txt), which OData 4.01 Part 2 5.1.1.7.4 trim removes. */
export const UNICODE_WHITESPACE = '\t\n\u000B\f\r \u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000';

const POSTGRES_TYPES: Readonly<Record<string, string>> = {
  'Edm.String': 'text', 'Edm.Boolean': 'boolean', 'Edm.Byte': 'smallint', 'Edm.SByte': 'smallint', 'Edm.Int16': 'smallint',
  'Edm.Int32': 'integer', 'Edm.Int64': 'bigint', 'Edm.Single': 'double precision', 'Edm.Double': 'double precision',
  'Edm.Decimal': 'numeric', 'Edm.Guid': 'uuid', 'Edm.Date': 'date', 'Edm.DateTimeOffset': 'text', 'Edm.TimeOfDay': 'text',
};
// Character positions of the parts in the fixed-width text forms: YYYY-MM-DDTHH:MM:SS… and HH:MM:SS…
const TEXT_POSITIONS: Readonly<Record<DatePart, number>> = { year: 1, month: 6, day: 9, hour: 12, minute: 15, second: 18 };

/** A part of the fixed-width text forms `YYYY-MM-DDTHH:MM:SS.fff…Z` (DateTimeOffset, Edm.Date on SQLite) and `HH:MM:SS.fff…`. */
function textDatePart(part: DatePart, value: Sql, edmType: string): Sql {
  const at = edmType === 'Edm.TimeOfDay' ? TEXT_POSITIONS[part] - 11 : TEXT_POSITIONS[part];
  return Sql.of`CAST(substr(${value}, ${Sql.raw(String(at))}, ${Sql.raw(part === 'year' ? '4' : '2')}) AS INTEGER)`;
}

/** The TimeOfDay text of a stored DateTimeOffset, to the precision it compares at. */
function textTime(value: Sql, precision: number): Sql {
  return Sql.of`substr(${value}, 12, ${Sql.raw(String(precision > 0 ? 9 + precision : 8))})`;
}

function quote(name: string): Sql {
  return Sql.raw(`"${name.replace(/"/g, '""')}"`);
}

const sqlite: SqlDialect = {
  name: 'sqlite',
  identifier: quote,
  // BINARY is SQLite's default collation: memcmp of UTF-8, i.e. code point order
  column: (property) => (property.type === 'Edm.String' ? Sql.of`${quote(property.name)} COLLATE BINARY` : quote(property.name)),
  value: (value) => (value === null ? Sql.raw('NULL') : Sql.param({ value })),
  // SQLite's built-in lower() and upper() fold ASCII letters only; PostgreSQL is made to do the same
  lower: (text) => Sql.of`lower(${text})`,
  upper: (text) => Sql.of`upper(${text})`,
  position: (text, search) => Sql.of`instr(${text}, ${search})`,
  trim: (text) => Sql.of`trim(${text}, ${Sql.param({ value: UNICODE_WHITESPACE })})`,
  datePart: textDatePart,
  date: (value) => Sql.of`substr(${value}, 1, 10)`,
  time: textTime,
};

const postgres: SqlDialect = {
  name: 'postgres',
  identifier: quote,
  // COLLATE "C" compares bytes of UTF-8, like SQLite's BINARY, whatever the database's default collation
  column: (property) => (property.type === 'Edm.String' ? Sql.of`${quote(property.name)} COLLATE "C"` : quote(property.name)),
  value: (value, edmType) => (value === null
    ? Sql.raw(`CAST(NULL AS ${POSTGRES_TYPES[edmType] ?? 'text'})`)
    : Sql.param({ value, cast: POSTGRES_TYPES[edmType], bytewise: edmType === 'Edm.String' })),
  // Under the "C" collation lower() and upper() fold ASCII letters only, as SQLite's do
  lower: (text) => Sql.of`lower(${text})`,
  upper: (text) => Sql.of`upper(${text})`,
  position: (text, search) => Sql.of`strpos(${text}, ${search})`,
  trim: (text) => Sql.of`btrim(${text}, ${Sql.param({ value: UNICODE_WHITESPACE, cast: 'text' })})`,
  // DateTimeOffset and TimeOfDay are the same fixed-width UTC text as on SQLite; Edm.Date is a PostgreSQL date
  datePart: (part, value, edmType) => {
    if (edmType !== 'Edm.Date') return textDatePart(part, value, edmType);
    return Sql.of`CAST(EXTRACT(${Sql.raw(part.toUpperCase())} FROM ${value}) AS integer)`;
  },
  date: (value) => Sql.of`CAST(substr(${value}, 1, 10) AS date)`,
  time: textTime,
};

export function sqlDialect(name: Dialect): SqlDialect {
  return name === 'sqlite' ? sqlite : postgres;
}
