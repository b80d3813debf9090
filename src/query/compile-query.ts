// compileQuery: a parsed collection query as SQL for SQLite or PostgreSQL, with the pieces keyset paging and $count need.
import type { EntitySet } from '../model/service-model';
import type { CollectionQuery } from './collection-query';
import { compileFilter } from './compile-filter';
import type { CompileContext } from './compile-value';
import { keysetParts, keysetPredicate, type KeysetPosition } from './keyset-predicate';
import { sqlDialect, type SqlDialect } from './sql-dialect';
import { allOf, anyOf, render, Sql, TRUE, type Dialect, type SqlStatement } from './sql-fragment';

export interface PageWindow {
  /** Only rows after this position (keyset paging). */
  readonly after?: KeysetPosition;
  readonly limit?: number;
  readonly offset?: number;
}

export interface CompiledQuery {
  readonly dialect: Dialect;
  /** Quoted table name: the entity set name, schema-qualified when a schema is given. */
  readonly table: string;
  /** Quoted columns to read: the selected properties plus the orderBy properties and the key, in model order. */
  readonly columns: string;
  /** Properties the response shows (after $select). */
  readonly selected: readonly string[];
  /** The WHERE condition ($filter and $search), `1=1` when there is none; placeholders numbered from 1. */
  readonly where: string;
  readonly params: readonly unknown[];
  /** The ORDER BY list, with explicit NULLS FIRST/LAST and bytewise string order. */
  readonly orderBy: string;
  /** The keyset condition for rows after `position`, its placeholders numbered after `params`. */
  after(position: KeysetPosition): SqlStatement;
  selectStatement(window?: PageWindow): SqlStatement;
  /**
   * The page as statements to run in order, concatenating their rows until `window.limit` are in hand: one with no
   * keyset position, two when the first sort key's null rows follow the rest (see keysetParts).
   */
  selectStatements(window?: PageWindow): SqlStatement[];
  /** SELECT COUNT(*) AS "count" with the same WHERE: for @odata.count and /$count (PostgreSQL returns it as a string). */
  countStatement(): SqlStatement;
  /** The position of a row, from its JSON (wire) values. */
  positionOf(entity: Readonly<Record<string, unknown>>): KeysetPosition;
}

export interface CompileOptions {
  /** The clock for now(); defaults to the system clock. */
  readonly now?: () => Date;
  /** PostgreSQL schema of the table, when the store uses one. */
  readonly schema?: string;
}

export function compileQuery(query: CollectionQuery, entitySet: EntitySet, dialectName: Dialect, options: CompileOptions = {}): CompiledQuery {
  const dialect = sqlDialect(dialectName);
  const context: CompileContext = { dialect, now: (options.now ?? (() => new Date()))() };
  const condition = allOf([query.filter ? compileFilter(query.filter, context) : TRUE, searchCondition(query, entitySet, dialect)]);
  const where = render(condition, dialectName);
  const table = [options.schema, entitySet.name].filter((part): part is string => Boolean(part))
    .map((part) => render(dialect.identifier(part), dialectName).sql).join('.');
  const names = entitySet.entityType.properties.map((property) => property.name);
  const selected = query.select ?? names;
  const needed = new Set([...selected, ...query.orderBy.map((item) => item.property), ...entitySet.entityType.key]);
  const columns = names.filter((name) => needed.has(name)).map((name) => render(dialect.identifier(name), dialectName).sql).join(', ');
  const orderBy = render(orderByList(query, entitySet, dialect), dialectName).sql;
  const keyset = (position: KeysetPosition) => keysetPredicate(query.orderBy, entitySet, position, dialect);
  return {
    dialect: dialectName, table, columns, selected, where: where.sql, params: where.params, orderBy,
    after: (position) => render(keyset(position), dialectName, where.params.length + 1),
    selectStatement: (window = {}) => render(Sql.of`SELECT ${Sql.raw(columns)} FROM ${Sql.raw(table)} WHERE ${
      allOf([condition, window.after ? keyset(window.after) : TRUE])} ORDER BY ${Sql.raw(orderBy)}${limit(window, dialect)}`, dialectName),
    selectStatements: (window = {}) => (window.after ? keysetParts(query.orderBy, entitySet, window.after, dialect) : [TRUE])
      .map((part) => render(Sql.of`SELECT ${Sql.raw(columns)} FROM ${Sql.raw(table)} WHERE ${
        allOf([condition, part])} ORDER BY ${Sql.raw(orderBy)}${limit(window, dialect)}`, dialectName)),
    countStatement: () => render(Sql.of`SELECT COUNT(*) AS "count" FROM ${Sql.raw(table)} WHERE ${condition}`, dialectName),
    positionOf: (entity) => ({ values: query.orderBy.map((item) => entity[item.property] ?? null) }),
  };
}

/** $search terms: each must occur in some string property, compared after the same ASCII-only folding as tolower(). */
function searchCondition(query: CollectionQuery, entitySet: EntitySet, dialect: SqlDialect): Sql {
  if (!query.search) return TRUE;
  const strings = entitySet.entityType.properties.filter((property) => property.type === 'Edm.String');
  return allOf(query.search.terms.map((term) => {
    const needle = dialect.value(term.replace(/[A-Z]/g, (letter) => letter.toLowerCase()), 'Edm.String');
    return anyOf(strings.map((property) => Sql.of`${dialect.position(dialect.lower(dialect.column(property)), needle)} > 0`));
  }));
}

/** OData 4.01 Part 1 11.2.6.2: nulls sort first ascending and last descending; the key makes the order total. */
function orderByList(query: CollectionQuery, entitySet: EntitySet, dialect: SqlDialect): Sql {
  return Sql.join(query.orderBy.map((item) => {
    const property = entitySet.entityType.properties.find((candidate) => candidate.name === item.property);
    if (!property) throw new Error(`orderBy names '${item.property}', which ${entitySet.name} does not have`);
    return Sql.of`${dialect.column(property)} ${Sql.raw(item.direction === 'asc' ? 'ASC NULLS FIRST' : 'DESC NULLS LAST')}`;
  }), ', ');
}

function limit(window: PageWindow, dialect: SqlDialect): Sql {
  if (window.limit === undefined && window.offset === undefined) return Sql.raw('');
  const count = window.limit === undefined
    ? Sql.raw(dialect.name === 'sqlite' ? '-1' : 'ALL') : dialect.value(window.limit, 'Edm.Int64');
  return Sql.of` LIMIT ${count} OFFSET ${dialect.value(window.offset ?? 0, 'Edm.Int64')}`;
}
