// Retention of tombstones: purged at start-up and then periodically, a bounded batch at a time, never failing a request.
import type { Logger } from '../log/logger';
import type { EntitySet } from '../model/service-model';
import type { EntityStore } from '../persistence/entity-store';
import { PURGE_BATCH } from '../persistence/tombstones';

export interface TombstonePurge {
  stop(): void;
}

/** Batches a start-up purge runs at most (the periodic ones catch up on the rest). */
const STARTUP_BATCHES = 20;
const HOUR_MS = 3_600_000;

/**
 * For each deletable change-tracked set: tombstones older than `retentionMs` go, oldest first, the purge horizon raised
 * before each batch is deleted (src/delta/README.md "Retention"). Resolves once the start-up purge is done.
 */
export async function startTombstonePurge(
  store: EntityStore, entitySets: readonly EntitySet[], retentionMs: number, logger: Logger, now: () => number = Date.now,
): Promise<TombstonePurge> {
  const sets = entitySets.filter((set) => set.changeTracking && set.capabilities.deletable);
  if (sets.length === 0) return { stop: () => undefined };
  let running: Promise<void> = Promise.resolve();
  const purge = (batches: number) => {
    running = running.then(() => purgeAll(store, sets, now() - retentionMs, batches, logger));
    return running;
  };
  await purge(STARTUP_BATCHES);
  const timer = setInterval(() => { void purge(1); }, Math.min(HOUR_MS, Math.max(1000, Math.floor(retentionMs / 8))));
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

async function purgeAll(store: EntityStore, sets: readonly EntitySet[], before: number, batches: number, logger: Logger): Promise<void> {
  for (const entitySet of sets) {
    try {
      let purged = 0;
      for (let batch = 0; batch < batches; batch += 1) {
        const count = await store.purgeRemoved(entitySet, before);
        purged += count;
        if (count < PURGE_BATCH) break;
      }
      if (purged > 0) logger.info('delta.tombstones.purged', { entitySet: entitySet.name, count: purged });
    } catch (error) {
      // A busy or unreachable database: the next run tries again; delta rounds stay exact meanwhile (only later 410s).
      logger.warn('delta.tombstones.purge_failed', { entitySet: entitySet.name, error: error instanceof Error ? error.message : String(error) });
    }
  }
}
