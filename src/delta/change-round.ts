// The SQL of one page of a delta round: rows that became visible after `from` and by `to`, in (position, key) order.
import type { Engine } from '../model/edm-primitive-types';
import type { EntitySet } from '../model/service-model';
import { CHANGE_POSITION_ALIAS } from '../persistence/entity-store';
import { CHANGE_POSITION_COLUMN, keyColumn } from '../persistence/change-position';
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

/** `compiled` gives the columns, the table and the $filter condition (its placeholders come first). */
export function roundStatement(compiled: CompiledQuery, entitySet: EntitySet, engine: Engine, window: RoundWindow): SqlStatement {
  const key = Sql.raw(keyColumn(entitySet, engine));
  const condition = allOf([
    engine === 'postgres' ? postgresRound(window) : sqliteRound(window),
    window.after ? after(engine, entitySet, key, window.after) : Sql.raw('1=1'),
  ]);
  const asText = engine === 'postgres' ? Sql.of`${POSITION}::text` : POSITION;
  const rendered = render(Sql.of`SELECT ${Sql.raw(compiled.columns)}, ${asText} AS "${Sql.raw(CHANGE_POSITION_ALIAS)}" FROM ${
    Sql.raw(compiled.table)} WHERE ${Sql.raw(compiled.where)} AND ${condition} ORDER BY ${POSITION}, ${key} LIMIT ${
    Sql.raw(String(window.limit))}`, engine, compiled.params.length + 1);
  return { sql: rendered.sql, params: [...compiled.params, ...rendered.params] };
}

/**
 * Visible in the round's snapshot and not in the previous one's. Every row of an xid below the old snapshot's xmin was
 * visible to it (or rolled back), and none at or above the new one's xmax is visible to the new one: the index range
 * [old xmin, new xmax) holds the round's rows plus those of transactions that were in progress around the old snapshot.
 */
function postgresRound(window: RoundWindow): Sql {
  const to = Sql.param({ value: window.to, cast: 'pg_snapshot' });
  const parts = [Sql.of`pg_visible_in_snapshot(${POSITION}, ${to})`, Sql.of`${POSITION} < pg_snapshot_xmax(${to})`];
  if (window.from !== undefined) {
    const from = Sql.param({ value: window.from, cast: 'pg_snapshot' });
    parts.push(Sql.of`${POSITION} >= pg_snapshot_xmin(${from})`, Sql.of`NOT pg_visible_in_snapshot(${POSITION}, ${from})`);
  }
  return allOf(parts);
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
