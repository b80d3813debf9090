// Whether a delta round can still be answered exactly after tombstones were purged: its start must see every purged delete.
import type { Engine } from '../model/edm-primitive-types';
import type { StoreStatement } from '../persistence/entity-store';

/**
 * `from` is the round's start (PostgreSQL snapshot text, SQLite position); `horizon` the largest purged tombstone position.
 * True or false when that decides it; otherwise (PostgreSQL) the xids of `from`'s in-progress list at or below the horizon,
 * and the round is answerable iff none of them has committed by now (see `committedAmong`).
 *
 * SQLite positions follow commit order: every purged one is visible to `from` iff horizon <= from. PostgreSQL: purged
 * tombstones are committed deletes with xids up to the horizon; one is invisible to `from` only if at or above its xmax
 * (then horizon >= xmax: refused) or in its in-progress list. An xid of that list that is still running now, or aborted,
 * wrote no purged tombstone; one that committed (or whose status is no longer known) may have: refused.
 */
export function roundAnswerable(engine: Engine, from: string, horizon: string | undefined): boolean | readonly string[] {
  if (horizon === undefined) return true;
  const limit = BigInt(horizon);
  if (engine === 'sqlite') return limit <= BigInt(from);
  const [xmin, xmax, xip] = from.split(':');
  if (limit < BigInt(xmin)) return true;
  if (limit >= BigInt(xmax)) return false;
  const unsettled = xip === '' ? [] : xip.split(',').filter((xid) => BigInt(xid) <= limit);
  return unsettled.length === 0 ? true : unsettled;
}

/** PostgreSQL, one row `count`: how many of the xids have committed, or have a status no longer known. */
export function committedAmong(xids: readonly string[]): StoreStatement {
  return {
    sql: `SELECT COUNT(*) AS "count" FROM unnest($1::xid8[]) AS x WHERE pg_xact_status(x) IS DISTINCT FROM 'in progress' AND pg_xact_status(x) IS DISTINCT FROM 'aborted'`,
    params: [`{${xids.join(',')}}`],
  };
}
