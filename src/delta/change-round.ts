// The SQL of one page of a delta round: rows that became visible after `from` and by `to`, in (position, key) order.
import type { Engine } from '../model/edm-primitive-types';
import type { EntitySet } from '../model/service-model';
import { CHANGE_POSITION_ALIAS } from '../persistence/entity-store';
import { CHANGE_POSITION_COLUMN, keyColumn } from '../persistence/change-position';
import { REMOVED_ALIAS, removedTableOf } from '../persistence/tombstones';
import type { CompiledQuery, SqlStatement } from '../query';
import { sqlDialect } from '../query/sql-dialect';
import { allOf, anyOf, render, Sql } from '../query/sql-fragment';

export interface RoundWindow {
  /** The end of the previous round (a deltaLink's position); undefined for the initial round. */
  readonly from?: string;
  /** The end of this round, read when it started. */
  readonly to: string;
  /** The last row of the previous page. */
  readonly after?: { readonly position: string; readonly key: string };
  readonly limit: number;
}

const POSITION = Sql.raw(`"${CHANGE_POSITION_COLUMN}"`);

/**
 * The page as statements to run in order until `limit` rows are in hand (`compiled` gives the columns, the table and the
 * $filter condition, whose placeholders come first). PostgreSQL: the rows of transactions that were in progress at the old
 * snapshot, then the range from its xmax; SQLite: one range.
 */
export function roundStatements(compiled: CompiledQuery, entitySet: EntitySet, engine: Engine, window: RoundWindow): SqlStatement[] {
  const key = Sql.raw(keyColumn(entitySet, engine));
  const keyset = window.after ? after(engine, entitySet, key, window.after) : Sql.raw('1=1');
  const asText = engine === 'postgres' ? Sql.of`${POSITION}::text` : POSITION;
  const parts = engine === 'postgres' ? postgresRound(window) : [sqliteRound(window)];
  const limit = Sql.raw(String(window.limit));
  // A deletable set after a previous round: each part merges rows and tombstones in (position, key) order. A first round
  // is the current entities only (Graph: what was deleted before it is not returned).
  const removed = entitySet.capabilities.deletable && window.from !== undefined ? removedTableOf(compiled.table) : undefined;
  return parts.map((part) => {
    const rows = Sql.of`SELECT ${Sql.raw(compiled.columns)}, ${asText} AS "${Sql.raw(CHANGE_POSITION_ALIAS)}" FROM ${
      Sql.raw(compiled.table)} WHERE ${Sql.raw(compiled.where)} AND ${allOf([part, keyset])} ORDER BY ${POSITION}, ${key} LIMIT ${limit}`;
    const rendered = render(removed === undefined ? rows
      : withTombstones(compiled, entitySet, removed, { part, keyset, asText, key, limit }), engine, compiled.params.length + 1);
    return { sql: rendered.sql, params: [...compiled.params, ...rendered.params] };
  });
}

interface RoundPart {
  readonly part: Sql;
  readonly keyset: Sql;
  readonly asText: Sql;
  readonly key: Sql;
  readonly limit: Sql;
}

/**
 * Rows and tombstones of one part, each an index range of at most `limit` entries, merged in (position, key) order: the
 * tombstone arm has the rows' columns, NULL but the key, and `REMOVED_ALIAS` 1. A delta $filter cannot apply to a
 * tombstone (the row is gone): every tombstone of the window comes, whatever the filter.
 */
function withTombstones(compiled: CompiledQuery, entitySet: EntitySet, removed: string, round: RoundPart): Sql {
  const { part, keyset, asText, key, limit } = round;
  const keyName = `"${entitySet.entityType.key[0]}"`;
  const nulls = compiled.columns.split(', ').map((column) => (column === keyName ? column : `NULL AS ${column}`)).join(', ');
  const marked = (table: string, columns: string, where: Sql, flag: number) => Sql.of`SELECT * FROM (SELECT ${Sql.raw(columns)}, ${POSITION}, ${
    asText} AS "${Sql.raw(CHANGE_POSITION_ALIAS)}", ${Sql.raw(String(flag))} AS "${Sql.raw(REMOVED_ALIAS)}" FROM ${Sql.raw(table)} WHERE ${
    where} ORDER BY ${POSITION}, ${key} LIMIT ${limit}) AS "arm${Sql.raw(String(flag))}"`;
  const rows = marked(compiled.table, compiled.columns, Sql.of`${Sql.raw(compiled.where)} AND ${allOf([part, keyset])}`, 0);
  const tombstones = marked(removed, nulls, allOf([part, keyset]), 1);
  return Sql.of`SELECT * FROM (${rows} UNION ALL ${tombstones}) AS "changes" ORDER BY ${POSITION}, ${key} LIMIT ${limit}`;
}

/**
 * Visible in the round's snapshot and not in the previous one's. Not visible in the old snapshot means: an xid at or above
 * its xmax, or one of its in-progress xids (xip). So each part is an index range or a few index lookups, whatever other
 * sessions of the cluster hold open: the round costs its own rows plus those of its own in-progress transactions.
 * Both parts stop at the new snapshot's xmax and keep only what it sees; xip xids are all below xmax, so the parts follow
 * each other in (position, key) order.
 */
function postgresRound(window: RoundWindow): Sql[] {
  const to = Sql.param({ value: window.to, cast: 'pg_snapshot' });
  const visibleNow = [Sql.of`${POSITION} < pg_snapshot_xmax(${to})`, Sql.of`pg_visible_in_snapshot(${POSITION}, ${to})`];
  if (window.from === undefined) return [allOf(visibleNow)];
  const [, xmax, xip] = window.from.split(':');
  const range = allOf([Sql.of`${POSITION} >= ${Sql.param({ value: xmax, cast: 'xid8' })}`, ...visibleNow]);
  if (xip === '') return [range];
  return [allOf([Sql.of`${POSITION} = ANY(${Sql.param({ value: `{${xip}}`, cast: 'xid8[]' })})`, ...visibleNow]), range];
}

/** Positions are assigned in commit order, so a snapshot holds exactly the positions up to its largest. */
function sqliteRound(window: RoundWindow): Sql {
  const parts = [Sql.of`${POSITION} <= ${Sql.param({ value: Number(window.to) })}`];
  if (window.from !== undefined) parts.push(Sql.of`${POSITION} > ${Sql.param({ value: Number(window.from) })}`);
  return allOf(parts);
}

/** Keyset: after (position, key) of the previous page's last row; the first term is the index range bound. */
function after(engine: Engine, entitySet: EntitySet, key: Sql, last: { readonly position: string; readonly key: string }): Sql {
  const keyType = entitySet.entityType.properties.find((property) => property.name === entitySet.entityType.key[0])!.type;
  const position = engine === 'postgres' ? Sql.param({ value: last.position, cast: 'xid8' }) : Sql.param({ value: Number(last.position) });
  const keyValue = sqlDialect(engine).value(last.key, keyType);
  return allOf([Sql.of`${POSITION} >= ${position}`, anyOf([Sql.of`${POSITION} > ${position}`, Sql.of`${key} > ${keyValue}`])]);
}
