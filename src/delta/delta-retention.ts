// Whether a delta round can still be answered exactly after tombstones were purged: its start must see every purged delete.
import type { Engine } from '../model/edm-primitive-types';

/**
 * `from` is the round's start (PostgreSQL snapshot text, SQLite position); `horizon` the largest purged tombstone position.
 * SQLite positions follow commit order, so every purged one is visible to `from` when horizon <= from. PostgreSQL xids do
 * not: every xid below the snapshot's xmin has ended, so horizon < xmin proves them all visible (conservative: a token
 * taken while a transaction older than the purged delete was still open is refused too, near the retention edge only).
 */
export function roundAnswerable(engine: Engine, from: string, horizon: string | undefined): boolean {
  if (horizon === undefined) return true;
  if (engine === 'sqlite') return BigInt(horizon) <= BigInt(from);
  return BigInt(horizon) < BigInt(from.split(':')[0]);
}
