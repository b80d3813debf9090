// Translates typed values to SQL: columns named by the model, every literal a bound parameter, canonical functions in the dialect's terms.
import { parseDateTimeOffset, toSortableTimestamp } from '../model/date-time-offset';
import type { ValueNode } from './filter-node';
import type { SqlDialect } from './sql-dialect';
import { Sql } from './sql-fragment';

export interface CompileContext {
  readonly dialect: SqlDialect;
  /** The value of now() for this query (OData 4.01 Part 2 5.1.1.8.9: services choose UTC). */
  readonly now: Date;
}

type Call = Extract<ValueNode, { kind: 'call' }>;

export function compileValue(node: ValueNode, context: CompileContext): Sql {
  switch (node.kind) {
    case 'property': return context.dialect.column(node.property);
    case 'literal': return context.dialect.value(node.value, node.type.name);
    case 'now': return context.dialect.value(nowValue(context.now, node.type.precision ?? 0), 'Edm.DateTimeOffset');
    case 'call': return compileCall(node, context);
  }
}

/** now() in the stored form, cut to the precision of what it is compared with. */
function nowValue(now: Date, precision: number): string {
  const parsed = parseDateTimeOffset(now.toISOString(), 12);
  if (typeof parsed === 'string') throw new Error(`the clock gave an invalid time: ${parsed}`);
  return toSortableTimestamp({ seconds: parsed.seconds, fraction: parsed.fraction.slice(0, precision) }, precision);
}

function compileCall(node: Call, context: CompileContext): Sql {
  const { dialect } = context;
  const [a, b] = node.args.slice(0, 2).map((arg) => compileValue(arg, context));
  switch (node.name) {
    case 'contains': return Sql.of`(${dialect.position(a, b)} > 0)`;
    case 'startswith': return Sql.of`(substr(${a}, 1, length(${b})) = ${b})`;
    // Guarded: a start position below 1 means something else on each engine
    case 'endswith': return Sql.of`(length(${b}) <= length(${a}) AND substr(${a}, length(${a}) - length(${b}) + 1) = ${b})`;
    case 'length': return Sql.of`length(${a})`;
    case 'indexof': return Sql.of`(${dialect.position(a, b)} - 1)`;
    case 'substring': return substring(node, a, context);
    case 'tolower': return dialect.lower(a);
    case 'toupper': return dialect.upper(a);
    case 'trim': return dialect.trim(a);
    case 'concat': return Sql.of`(${a} || ${b})`;
    case 'date': return dialect.date(a);
    case 'time': return dialect.time(a, node.type.precision ?? 0);
    default: return dialect.datePart(node.name, a, node.args[0].type.name);
  }
}

/** OData 4.01 Part 2 5.1.1.5.7: the start index is zero-based; SQL's substr counts from 1. */
function substring(node: Call, text: Sql, context: CompileContext): Sql {
  const [, start, length] = node.args as readonly Extract<ValueNode, { kind: 'literal' }>[];
  // Clamped so that start 2147483647 stays an Int32: past any string's end either way (the result is '')
  const from = context.dialect.value(Math.min(Number(start.value) + 1, 2147483647), 'Edm.Int32');
  return length === undefined
    ? Sql.of`substr(${text}, ${from})`
    : Sql.of`substr(${text}, ${from}, ${context.dialect.value(length.value, 'Edm.Int32')})`;
}
