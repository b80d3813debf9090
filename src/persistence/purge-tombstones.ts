// One bounded purge of a deletable set's tombstones: the leading run older than the cut-off, the horizon raised first.
import type { SqlRunner } from './sql-runner';
import type { TombstoneSql } from './tombstones';

/**
 * Reads the PURGE_BATCH lowest positions, keeps the leading run recorded before `before` (epoch ms), raises the horizon
 * to its last position, then deletes the tombstones at or below it: two single statements, so a crash between them only
 * leaves a horizon already high enough. Resolves with how many it purged.
 */
export async function purgeTombstones(sql: SqlRunner, tombstones: TombstoneSql, before: number): Promise<number> {
  const oldest = await sql.query(tombstones.oldest, []);
  const run = oldest.findIndex((row) => Number(row.removedAt) >= before);
  const count = run < 0 ? oldest.length : run;
  if (count === 0) return 0;
  const horizon = String(oldest[count - 1].position);
  await sql.query(tombstones.raiseHorizon, [horizon]);
  await sql.query(tombstones.purge, [horizon]);
  return count;
}
