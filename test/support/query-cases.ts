// The table of $filter cases run on both engines, each with its expected rows written as a plain JS predicate over the fixture.
import type { EventRow } from './query-fixture';
import {
  asciiLower, asciiUpper, codePoints, compareText, gtText, indexOf, ltText, micros, unicodeTrim, utcPart,
} from './query-oracle';

type Row = EventRow;
type Direction = 'asc' | 'desc';

export interface QueryCase {
  readonly title: string;
  /** The raw query string, as a client sends it. */
  readonly query: string;
  readonly where?: (row: Row) => boolean;
  readonly order?: readonly (readonly [string, Direction])[];
  readonly skip?: number;
  readonly top?: number;
  /** The expected result is empty on purpose. */
  readonly empty?: boolean;
}

/** The fixed clock for now(). */
export const NOW = new Date('2022-06-15T12:34:56.789Z');

const has = (value: string | null, search: string): boolean => value !== null && value.includes(search);
const at = (iso: string): number => Date.parse(iso) * 1000;
const created = (row: Row): number | null => (row.creationDateTime === null ? null : micros(row.creationDateTime));
const encode = (value: string): string => encodeURIComponent(value);

export function filterCases(rows: readonly Row[]): QueryCase[] {
  return [...comparisonCases(), ...logicalCases(), ...stringFunctionCases(), ...temporalAndLiteralCases(rows)];
}

/** eq, ne, gt, ge, lt, le on strings and DateTimeOffset values, null included. */
function comparisonCases(): QueryCase[] {
  return [
    { title: 'eq', query: "$filter=requestType eq 'Assign'", where: (r) => r.requestType === 'Assign' },
    { title: 'ne keeps nulls (null is not equal to Assign)', query: "$filter=requestType ne 'Assign'", where: (r) => r.requestType !== 'Assign' },
    { title: 'gt on strings is bytewise', query: "$filter=userName gt 'a'", where: (r) => gtText(r.userName, 'a') },
    { title: 'ge', query: "$filter=userName ge 'alice'", where: (r) => r.userName !== null && compareText(r.userName, 'alice') >= 0 },
    { title: 'lt', query: "$filter=userName lt 'B'", where: (r) => ltText(r.userName, 'B') },
    { title: 'le', query: "$filter=userName le 'Bob'", where: (r) => r.userName !== null && compareText(r.userName, 'Bob') <= 0 },
    { title: 'astral code points sort above U+FFFD and U+E000', query: `$filter=userName gt '${encode('\uE000')}'`, where: (r) => gtText(r.userName, '\uE000') },
    { title: 'eq null', query: '$filter=userName eq null', where: (r) => r.userName === null },
    { title: 'ne null', query: '$filter=userName ne null', where: (r) => r.userName !== null },
    { title: 'empty string is not null', query: "$filter=userName eq ''", where: (r) => r.userName === '' },
    { title: 'Graph documented date range', query: '$filter=(creationDateTime ge 2017-06-25T07:00:00Z) and (creationDateTime le 2019-07-25T17:30:17Z)',
      where: (r) => created(r) !== null && (created(r) as number) >= at('2017-06-25T07:00:00Z') && (created(r) as number) <= at('2019-07-25T17:30:17Z') },
    { title: 'DateTimeOffset literal with an offset', query: `$filter=creationDateTime gt 2020-02-29T23:30:00${encode('+')}02:00`,
      where: (r) => created(r) !== null && (created(r) as number) > at('2020-02-29T21:30:00Z') },
    { title: 'DateTimeOffset literal with microseconds', query: '$filter=creationDateTime le 2021-03-04T05:06:07.123456Z',
      where: (r) => created(r) !== null && (created(r) as number) <= at('2021-03-04T05:06:07Z') + 123456 },
  ];
}

/** not, and, or, in, aliases, and the spellings of names and options. */
function logicalCases(): QueryCase[] {
  return [
    { title: 'not eq keeps nulls', query: "$filter=not (userName eq 'Alice')", where: (r) => r.userName !== 'Alice' },
    { title: 'not gt: null operands make gt false', query: "$filter=not (userName gt 'M')", where: (r) => !gtText(r.userName, 'M') },
    { title: 'not ge', query: "$filter=not (userName ge 'M')", where: (r) => !(r.userName !== null && compareText(r.userName, 'M') >= 0) },
    { title: 'not lt', query: "$filter=not (creationDateTime lt 2020-01-01T00:00:00Z)", where: (r) => !(created(r) !== null && (created(r) as number) < at('2020-01-01T00:00:00Z')) },
    { title: 'not le null is not null', query: '$filter=not (userName le null)', where: (r) => r.userName !== null },
    { title: 'not of a function stays unknown for nulls', query: "$filter=not contains(userName,'a')", where: (r) => r.userName !== null && !r.userName.includes('a') },
    { title: 'and binds tighter than or', query: "$filter=requestType eq 'Assign' or requestType eq 'Activate' and userName ne null",
      where: (r) => r.requestType === 'Assign' || (r.requestType === 'Activate' && r.userName !== null) },
    { title: 'parentheses group', query: "$filter=(requestType eq 'Assign' or requestType eq 'Activate') and userName ne null",
      where: (r) => (r.requestType === 'Assign' || r.requestType === 'Activate') && r.userName !== null },
    { title: 'not binds tighter than and', query: "$filter=not startswith(userName,'A') and roleName eq 'Reader'",
      where: (r) => r.userName !== null && !r.userName.startsWith('A') && r.roleName === 'Reader' },
    { title: 'not over or (De Morgan)', query: "$filter=not (roleName eq 'Reader' or contains(userName,'e'))",
      where: (r) => r.roleName !== 'Reader' && r.userName !== null && !r.userName.includes('e') },
    { title: 'in', query: "$filter=requestType in ('Assign','Activate')", where: (r) => r.requestType === 'Assign' || r.requestType === 'Activate' },
    { title: 'in with null', query: "$filter=requestType in ('Assign', null)", where: (r) => r.requestType === 'Assign' || r.requestType === null },
    { title: 'not in keeps nulls', query: "$filter=not (requestType in ('Assign','Activate'))", where: (r) => r.requestType !== 'Assign' && r.requestType !== 'Activate' },
    { title: 'not in with null', query: "$filter=not (requestType in ('Assign',null))", where: (r) => r.requestType !== 'Assign' && r.requestType !== null },
    { title: 'in an empty list', query: '$filter=requestType in ()', where: () => false, empty: true },
    { title: 'in a JSON array through an alias', query: `$filter=requestType in @types&@types=${encode('["Assign","Activate"]')}`,
      where: (r) => r.requestType === 'Assign' || r.requestType === 'Activate' },
    { title: 'parameter alias', query: "$filter=userName eq @name&@name='Alice'", where: (r) => r.userName === 'Alice' },
    { title: 'alias in a function', query: "$filter=contains(userName,@p)&@p='li'", where: (r) => has(r.userName, 'li') },
    { title: 'alias without a value is null', query: '$filter=userName eq @missing', where: (r) => r.userName === null },
    { title: 'option, operator and function names in any case', query: "$FILTER=requestType EQ 'Assign' AND CONTAINS(userName,'l') Or UserName eq Null".replace('UserName', 'userName'),
      where: (r) => (r.requestType === 'Assign' && has(r.userName, 'l')) || r.userName === null },
    { title: '%24filter and encoded literal', query: '%24filter=requestType%20eq%20%27Assign%27', where: (r) => r.requestType === 'Assign' },
    { title: 'filter without $', query: "filter=requestType eq 'Activate'", where: (r) => r.requestType === 'Activate' },
    { title: 'percent sign and quote in literals', query: `$filter=userName in ('50${encode('%')} off','O''Neil')`, where: (r) => r.userName === '50% off' || r.userName === "O'Neil" },
  ];
}

/** The string functions, on text with astral, non-ASCII and whitespace characters. */
function stringFunctionCases(): QueryCase[] {
  return [
    { title: 'underscore is no wildcard', query: "$filter=contains(userName,'_')", where: (r) => has(r.userName, '_') },
    { title: 'contains is case-sensitive', query: "$filter=contains(userName,'li')", where: (r) => has(r.userName, 'li') },
    { title: 'contains the empty string', query: "$filter=contains(userName,'') and indexof(userName,'') eq 0", where: (r) => r.userName !== null },
    { title: 'startswith', query: "$filter=startswith(userName,'A')", where: (r) => r.userName !== null && r.userName.startsWith('A') },
    { title: 'startswith an astral character', query: `$filter=startswith(userName,'${encode('😀')}')`, where: (r) => r.userName !== null && r.userName.startsWith('😀') },
    { title: 'endswith', query: "$filter=endswith(userName,'e')", where: (r) => r.userName !== null && r.userName.endsWith('e') },
    { title: 'endswith longer than the text', query: "$filter=endswith(userName,'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')", where: () => false, empty: true },
    { title: 'endswith empty', query: "$filter=endswith(userName,'')", where: (r) => r.userName !== null },
    { title: 'tolower folds ASCII', query: "$filter=tolower(userName) eq 'alice'", where: (r) => r.userName !== null && asciiLower(r.userName) === 'alice' },
    { title: 'tolower leaves non-ASCII letters', query: `$filter=tolower(userName) eq '${encode('Émile zola')}'`, where: (r) => r.userName !== null && asciiLower(r.userName) === 'Émile zola' },
    { title: 'toupper leaves ß', query: `$filter=toupper(userName) eq '${encode('STRAßE')}'`, where: (r) => r.userName !== null && asciiUpper(r.userName) === 'STRAßE' },
    { title: 'toupper of dotless i', query: `$filter=toupper(userName) eq '${encode('ıI')}'`, where: (r) => r.userName !== null && asciiUpper(r.userName) === 'ıI' },
    { title: 'length counts code points', query: '$filter=length(userName) eq 7', where: (r) => r.userName !== null && codePoints(r.userName).length === 7 },
    { title: 'length with a double literal', query: '$filter=length(userName) gt 4.5', where: (r) => r.userName !== null && codePoints(r.userName).length > 4.5 },
    { title: 'indexof counts code points', query: "$filter=indexof(userName,'mile') eq 3", where: (r) => r.userName !== null && indexOf(r.userName, 'mile') === 3 },
    { title: 'indexof absent', query: "$filter=indexof(userName,'e') eq -1", where: (r) => r.userName !== null && indexOf(r.userName, 'e') === -1 },
    { title: 'substring from', query: "$filter=substring(userName,1) eq 'lice'", where: (r) => r.userName !== null && codePoints(r.userName).slice(1).join('') === 'lice' },
    { title: 'substring from and length', query: "$filter=substring(userName,1,2) eq 'mi'", where: (r) => r.userName !== null && codePoints(r.userName).slice(1, 3).join('') === 'mi' },
    { title: 'substring past an astral character', query: "$filter=substring(userName,2) eq 'smile'", where: (r) => r.userName !== null && codePoints(r.userName).slice(2).join('') === 'smile' },
    { title: 'substring past the end is empty', query: "$filter=substring(userName,50) eq ''", where: (r) => r.userName !== null },
    { title: 'trim removes Unicode whitespace', query: '$filter=trim(userName) ne userName', where: (r) => r.userName !== null && unicodeTrim(r.userName) !== r.userName },
    { title: 'trim of ideographic space', query: "$filter=trim(userName) in ('ideo','nbsp','nel','Tab','padded')", where: (r) => r.userName !== null && ['ideo', 'nbsp', 'nel', 'Tab', 'padded'].includes(unicodeTrim(r.userName)) },
    { title: 'concat', query: "$filter=concat(concat(userName,'/'),roleName) eq 'Alice/Reader'", where: (r) => r.userName === 'Alice' && r.roleName === 'Reader' },
    { title: 'concat of nulls is null', query: "$filter=concat(userName,roleName) ne null", where: (r) => r.userName !== null && r.roleName !== null },
  ];
}

/** Date and time parts, now(), Boolean functions and literals. */
function temporalAndLiteralCases(rows: readonly Row[]): QueryCase[] {
  const sampleDay = (rows.find((row, index) => index > 10 && row.creationDateTime !== null)?.creationDateTime ?? '').slice(0, 10);
  return [
    { title: 'year', query: '$filter=year(creationDateTime) eq 2020', where: (r) => utcPart(r.creationDateTime, 'year') === 2020 },
    { title: 'year ne keeps nulls', query: '$filter=year(expirationDateTime) ne 2020', where: (r) => utcPart(r.expirationDateTime, 'year') !== 2020 },
    { title: 'month and day', query: '$filter=month(creationDateTime) eq 12 or day(creationDateTime) eq 31', where: (r) => utcPart(r.creationDateTime, 'month') === 12 || utcPart(r.creationDateTime, 'day') === 31 },
    { title: 'hour', query: '$filter=hour(creationDateTime) eq 0', where: (r) => utcPart(r.creationDateTime, 'hour') === 0 },
    { title: 'minute', query: '$filter=minute(creationDateTime) lt 5', where: (r) => r.creationDateTime !== null && (utcPart(r.creationDateTime, 'minute') as number) < 5 },
    { title: 'second drops the fraction', query: '$filter=second(creationDateTime) ge 58', where: (r) => r.creationDateTime !== null && (utcPart(r.creationDateTime, 'second') as number) >= 58 },
    { title: 'date', query: `$filter=date(creationDateTime) eq ${sampleDay}`, where: (r) => r.creationDateTime !== null && r.creationDateTime.startsWith(sampleDay) },
    { title: 'date lt', query: '$filter=date(creationDateTime) lt 2018-01-01', where: (r) => r.creationDateTime !== null && r.creationDateTime < '2018-01-01' },
    { title: 'time at midnight', query: '$filter=time(creationDateTime) eq 00:00:00', where: (r) => r.creationDateTime !== null && micros(r.creationDateTime) % 86_400_000_000 === 0 },
    { title: 'time lt', query: '$filter=time(creationDateTime) lt 06:00', where: (r) => r.creationDateTime !== null && micros(r.creationDateTime) % 86_400_000_000 < 6 * 3_600_000_000 },
    { title: 'time with a fraction', query: '$filter=time(creationDateTime) ge 23:59:59.999', where: (r) => r.creationDateTime !== null && micros(r.creationDateTime) % 86_400_000_000 >= 86_399_999_000 },
    { title: 'date parts of date() and time()', query: '$filter=year(date(creationDateTime)) eq 2020 or hour(time(creationDateTime)) eq 23',
      where: (r) => utcPart(r.creationDateTime, 'year') === 2020 || utcPart(r.creationDateTime, 'hour') === 23 },
    { title: 'date(now())', query: '$filter=date(creationDateTime) eq date(now())', where: (r) => r.creationDateTime !== null && r.creationDateTime.startsWith('2022-06-15') },
    { title: 'now()', query: '$filter=creationDateTime lt now()', where: (r) => created(r) !== null && (created(r) as number) < NOW.getTime() * 1000 },
    { title: 'now() on the right and left', query: '$filter=now() lt expirationDateTime', where: (r) => r.expirationDateTime !== null && micros(r.expirationDateTime) > NOW.getTime() * 1000 },
    { title: 'Boolean function eq true', query: "$filter=contains(userName,'a') eq true", where: (r) => has(r.userName, 'a') },
    { title: 'Boolean function eq false excludes nulls', query: "$filter=contains(userName,'a') eq false", where: (r) => r.userName !== null && !r.userName.includes('a') },
    { title: 'Boolean function ne true keeps nulls', query: "$filter=contains(userName,'a') ne true", where: (r) => !has(r.userName, 'a') },
    { title: '$filter=true', query: '$filter=true', where: () => true },
    { title: '$filter=false', query: '$filter=FALSE', where: () => false, empty: true },
    { title: '$filter=null', query: '$filter=null', where: () => false, empty: true },
    { title: 'not null is null', query: '$filter=not null', where: () => false, empty: true },
    { title: 'literal comparison', query: "$filter=1 lt 2 and 'b' gt 'a' and null eq null", where: () => true },
    { title: 'key', query: `$filter=id eq '${rows[3].id}'`, where: (r) => r.id === rows[3].id },
    { title: 'string property vs string property', query: '$filter=requestorName eq userName', where: (r) => r.requestorName === r.userName },
    { title: 'DateTimeOffset property vs property', query: '$filter=expirationDateTime gt creationDateTime', where: (r) => r.expirationDateTime !== null && created(r) !== null && micros(r.expirationDateTime) > (created(r) as number) },
  ];
}
