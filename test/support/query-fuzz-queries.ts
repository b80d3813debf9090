// Random $filter, $orderby and $search strings for the fuzz test: half from the grammar (mostly valid), half token soup.
import { seededRandom } from './query-fixture';

const STRING_PROPERTIES = ['id', 'userName', 'requestType', 'roleName', 'userMail', 'additionalInformation'];
const TIME_PROPERTIES = ['creationDateTime', 'expirationDateTime'];
const STRING_LITERALS = ["'Alice'", "'a'", "''", "'O''Neil'", "'%25'", "'%F0%9F%98%80'", "'%C3%89mile'", "'_'", "'Assign'", 'null'];
const TIME_LITERALS = ['2020-02-29T12:00:00Z', '2017-06-25T07:00:00.5%2B02:00', '2026-01-01T00:00:00.123456Z', 'now()', 'null'];
const OPERATORS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'EQ', 'Gt'];
const SOUP = ['userName', 'creationDateTime', 'foo', 'eq', 'ne', 'and', 'or', 'not', 'in', 'has', 'add', 'contains(', 'substring(',
  'year(', 'matchesPattern(', 'now()', 'cast(', '(', ')', ',', '/', '[', ']', '{', '}', '@p', '$it', "'x'", "'", '"', '"y"',
  '1', '-1', '2.5', '1e3', 'INF', 'true', 'NULL', '2020-01-01', '12:00', '2020-01-01T00:00:00Z', '01234567-89ab-cdef-0123-456789abcdef',
  "duration'P1D'", '%20', '%', '%zz', '%00', ' ', '  ', 'asc', 'desc', '*', ';', '=', '&', '#', 'é', '😀'];

export function fuzzQueries(count: number, seed: number): string[] {
  const next = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];
  const stringValue = (depth: number): string => {
    const choice = next();
    if (depth > 2 || choice < 0.35) return pick(STRING_PROPERTIES);
    if (choice < 0.55) return pick(STRING_LITERALS);
    const fn = pick(['tolower', 'toupper', 'trim', 'substring', 'concat', 'Concat']);
    if (fn === 'substring') return `substring(${stringValue(depth + 1)},${pick(['0', '1', '3', '40'])}${next() < 0.5 ? `,${pick(['0', '2'])}` : ''})`;
    return fn.toLowerCase() === 'concat' ? `${fn}(${stringValue(depth + 1)},${stringValue(depth + 1)})` : `${fn}(${stringValue(depth + 1)})`;
  };
  const comparison = (depth: number): string => {
    const choice = next();
    if (choice < 0.4) return `${stringValue(depth)} ${pick(OPERATORS)} ${stringValue(depth)}`;
    if (choice < 0.6) return `${pick(TIME_PROPERTIES)} ${pick(OPERATORS)} ${pick(TIME_LITERALS)}`;
    if (choice < 0.75) return `${pick(['year', 'month', 'hour', 'second', 'length', 'indexof'])}(${next() < 0.3 ? `${stringValue(depth)},'a'` : pick(TIME_PROPERTIES)}) ${pick(OPERATORS)} ${pick(['1', '2020', '-1', '2.5', 'null'])}`;
    if (choice < 0.9) return `${pick(['contains', 'startswith', 'endswith'])}(${stringValue(depth)},${stringValue(depth)})`;
    return `${stringValue(depth)} in (${[pick(STRING_LITERALS), pick(STRING_LITERALS)].join(',')})`;
  };
  const condition = (depth: number): string => {
    const choice = next();
    if (depth > 3 || choice < 0.45) return comparison(depth);
    if (choice < 0.6) return `not (${condition(depth + 1)})`;
    if (choice < 0.7) return `not ${comparison(depth)}`;
    return `(${condition(depth + 1)}) ${pick(['and', 'or', 'AND', 'Or'])} ${condition(depth + 1)}`;
  };
  const soup = () => Array.from({ length: 1 + Math.floor(next() * 8) }, () => pick(SOUP)).join(next() < 0.5 ? ' ' : '');
  return Array.from({ length: count }, () => {
    const filter = next() < 0.5 ? condition(0) : soup();
    const order = next() < 0.3 ? `&$orderby=${pick([...STRING_PROPERTIES, ...TIME_PROPERTIES])}${pick(['', ' desc', ' asc', ',id desc'])}` : '';
    const search = next() < 0.15 ? `&$search=${next() < 0.5 ? pick(['blue', 'BLUE%20green', '%22sea%22']) : soup()}` : '';
    return `$filter=${filter}${order}${search}`;
  });
}
