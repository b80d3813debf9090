// fast-check arbitraries of valid $filter/$orderby/$select/$top/$skip with their meaning in plain JS (the oracle's rules),
// over rows drawn from small alphabets so that comparisons hit, tie and miss.
import fc from 'fast-check';
import { timestampCase } from './edm-arbitraries';
import { asciiLower, codePoints, compareText, compareValues, orderRows, type Row } from './query-oracle';

/** Three-valued truth: null is unknown (OData 4.01 Part 2 5.1.1.1: functions of null are null; and/or/not are Kleene). */
type Truth = boolean | null;

export interface FilterCase {
  readonly text: string;
  readonly test: (row: Row) => Truth;
}

const CHARACTERS = ['a', 'b', 'A', 'é', '😀', '\u{10FFFF}', ' ', "'"];
const smallString = fc.array(fc.constantFrom(...CHARACTERS), { maxLength: 3 }).map((parts) => parts.join(''));
const STRING_PROPERTIES = ['userName', 'roleName'] as const;
const TIME_PROPERTIES = ['creationDateTime', 'expirationDateTime'] as const;

/** A pool of instants per run, so that rows tie and literals hit stored values exactly. */
export const instantPool = fc.uniqueArray(timestampCase.filter((value) => value.wire !== undefined), { minLength: 1, maxLength: 5, selector: (value) => value.wire })
  .map((cases) => cases.map((value) => ({ input: value.input, wire: value.wire as string })));

export interface StoredRow {
  /** The create body. */
  readonly body: Readonly<Record<string, string | null>>;
  /** The values to expect back (UTC wire form). */
  readonly wire: Readonly<Record<string, string | null>>;
}

export function rowsArbitrary(pool: readonly { input: string; wire: string }[]): fc.Arbitrary<StoredRow[]> {
  const instant = fc.constantFrom(...pool);
  return fc.array(fc.record({
    userName: fc.option(smallString, { nil: null }), roleName: fc.option(smallString, { nil: null }),
    creationDateTime: instant, expirationDateTime: fc.option(instant, { nil: null }),
  }), { minLength: 1, maxLength: 10 }).map((rows) => rows.map(({ userName, roleName, creationDateTime, expirationDateTime }) => ({
    body: { userName, roleName, creationDateTime: creationDateTime.input, expirationDateTime: expirationDateTime?.input ?? null },
    wire: { userName, roleName, creationDateTime: creationDateTime.wire, expirationDateTime: expirationDateTime?.wire ?? null },
  })));
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const OPERATORS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] as const;
type Operator = (typeof OPERATORS)[number];

/** OData comparisons: eq/ne treat null as a value; gt/ge/lt/le with a null operand are false. */
function compare(operator: Operator, order: number | null, equal: boolean): boolean {
  if (operator === 'eq') return equal;
  if (operator === 'ne') return !equal;
  if (order === null) return false;
  return { gt: order > 0, ge: order >= 0, lt: order < 0, le: order <= 0 }[operator];
}

function leaves(pool: readonly { input: string; wire: string }[]): fc.Arbitrary<FilterCase> {
  const stringCompare = fc.record({ property: fc.constantFrom(...STRING_PROPERTIES), operator: fc.constantFrom(...OPERATORS), literal: fc.option(smallString, { nil: null }) })
    .map(({ property, operator, literal }): FilterCase => ({
      text: `${property} ${operator} ${literal === null ? 'null' : quote(literal)}`,
      test: (row) => {
        const value = row[property];
        const order = value === null || literal === null ? null : compareText(value, literal);
        return compare(operator, order, value === literal);
      },
    }));
  const timeCompare = fc.record({ property: fc.constantFrom(...TIME_PROPERTIES), operator: fc.constantFrom(...OPERATORS), literal: fc.constantFrom(...pool) })
    .map(({ property, operator, literal }): FilterCase => ({
      text: `${property} ${operator} ${literal.input}`,
      test: (row) => {
        const value = row[property];
        const order = value === null ? null : compareValues(property, value, literal.wire);
        return compare(operator, order, order === 0);
      },
    }));
  const textFunction = fc.record({ name: fc.constantFrom('contains', 'startswith', 'endswith'), property: fc.constantFrom(...STRING_PROPERTIES), literal: smallString })
    .map(({ name, property, literal }): FilterCase => ({
      text: `${name}(${property},${quote(literal)})`,
      test: (row) => {
        const value = row[property];
        if (value === null) return null;
        return name === 'contains' ? value.includes(literal) : name === 'startswith' ? value.startsWith(literal) : value.endsWith(literal);
      },
    }));
  const lengthCompare = fc.record({ property: fc.constantFrom(...STRING_PROPERTIES), operator: fc.constantFrom(...OPERATORS), length: fc.integer({ min: 0, max: 3 }) })
    .map(({ property, operator, length }): FilterCase => ({
      text: `length(${property}) ${operator} ${length}`,
      test: (row) => {
        const value = row[property];
        const actual = value === null ? null : codePoints(value).length;
        return compare(operator, actual === null ? null : Math.sign(actual - length), actual === length);
      },
    }));
  const lowerEquals = fc.record({ property: fc.constantFrom(...STRING_PROPERTIES), literal: smallString })
    .map(({ property, literal }): FilterCase => ({
      text: `tolower(${property}) eq ${quote(literal)}`,
      test: (row) => row[property] !== null && asciiLower(row[property] as string) === literal,
    }));
  return fc.oneof(stringCompare, timeCompare, textFunction, lengthCompare, lowerEquals);
}

export function filterArbitrary(pool: readonly { input: string; wire: string }[]): fc.Arbitrary<FilterCase> {
  const { filter } = fc.letrec<{ filter: FilterCase }>((tie) => ({
    filter: fc.oneof({ depthSize: 'small', withCrossShrink: true },
      leaves(pool),
      fc.tuple(tie('filter'), fc.constantFrom('and', 'or'), tie('filter')).map(([left, operator, right]): FilterCase => ({
        text: `(${left.text}) ${operator} (${right.text})`,
        test: (row) => {
          const [a, b] = [left.test(row), right.test(row)];
          if (operator === 'and') return a === false || b === false ? false : a === null || b === null ? null : true;
          return a === true || b === true ? true : a === null || b === null ? null : false;
        },
      })),
      tie('filter').map((operand): FilterCase => ({
        text: `not (${operand.text})`,
        test: (row) => { const value = operand.test(row); return value === null ? null : !value; },
      })),
    ),
  }));
  return filter;
}

export interface QueryCase {
  readonly filter?: FilterCase;
  readonly orderBy: readonly (readonly [string, 'asc' | 'desc'])[];
  readonly select: readonly string[];
  readonly top?: number;
  readonly skip?: number;
}

const ORDERABLE = [...STRING_PROPERTIES, ...TIME_PROPERTIES];

export function queryArbitrary(pool: readonly { input: string; wire: string }[]): fc.Arbitrary<QueryCase> {
  return fc.record({
    filter: fc.option(filterArbitrary(pool), { nil: undefined }),
    orderBy: fc.uniqueArray(fc.tuple(fc.constantFrom(...ORDERABLE), fc.constantFrom('asc' as const, 'desc' as const)), { maxLength: 3, selector: ([name]) => name }),
    select: fc.subarray([...ORDERABLE]),
    top: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
    skip: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
  });
}

/** The query string, with a run's own tenantId restricting it to the rows the run created. */
export function queryString(query: QueryCase, tenant: string): string {
  const filter = `tenantId eq ${quote(tenant)}${query.filter ? ` and (${query.filter.text})` : ''}`;
  const parts = [`$filter=${encodeURIComponent(filter)}`, `$select=${['id', ...query.select].join(',')}`];
  if (query.orderBy.length > 0) parts.push(`$orderby=${encodeURIComponent(query.orderBy.map(([name, direction]) => `${name} ${direction}`).join(','))}`);
  if (query.top !== undefined) parts.push(`$top=${query.top}`);
  if (query.skip !== undefined) parts.push(`$skip=${query.skip}`);
  return parts.join('&');
}

/** What the service must answer: filtered, ordered (nulls first ascending, then id), skipped, topped, projected. */
export function expectedAnswer(query: QueryCase, rows: readonly Row[]): Row[] {
  const matching = rows.filter((row) => query.filter === undefined || query.filter.test(row) === true);
  const ordered = orderRows(matching, query.orderBy).slice(query.skip ?? 0);
  const limited = query.top === undefined ? ordered : ordered.slice(0, query.top);
  return limited.map((row) => Object.fromEntries(['id', ...query.select].map((name) => [name, row[name] ?? null])));
}
