// The metrics of what a request waits on, in the gateway's own Registry: statement latency by kind (timed around
// the store's SQL runner), the PostgreSQL pool's connections (read at scrape time, nothing on the request path),
// and verified-token cache hits and misses.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { TokenCacheObserver } from '../auth/verified-token-cache';
import type { PoolStats } from '../persistence/pool-stats';
import type { QueryObserver, StatementKind } from '../persistence/timed-sql-runner';

export interface BackendMetrics {
  readonly observeQuery: QueryObserver;
  readonly observeTokenCache: TokenCacheObserver;
  /** The pool the gauges read at each scrape (the store's, once it is open). */
  watchPool(stats: () => PoolStats | undefined): void;
}

/** Seconds: a prepared SQLite key read takes tens of microseconds, a PostgreSQL round trip a few hundred. */
const QUERY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const KINDS: readonly StatementKind[] = ['select', 'insert', 'update', 'delete', 'other'];

export function createBackendMetrics(registry: Registry): BackendMetrics {
  const registers = [registry];
  const queries = new Histogram({
    name: 'odata_gateway_db_query_duration_seconds', help: 'Time of each statement the store runs on the request path, by kind',
    labelNames: ['kind'], buckets: QUERY_BUCKETS, registers,
  });
  // One child per kind, bound once: observing does no label lookup.
  const byKind = Object.fromEntries(KINDS.map((kind) => [kind, queries.labels({ kind })])) as Record<StatementKind, ReturnType<typeof queries.labels>>;
  let pool: () => PoolStats | undefined = () => undefined;
  new Gauge({
    name: 'odata_gateway_db_pool_connections', help: 'PostgreSQL pool: connections open (total) and idle, queries waiting for one, the configured size (max); not on SQLite',
    labelNames: ['state'], registers,
    collect() {
      const stats = pool();
      if (stats === undefined) return;
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
      this.set({ state: 'max' }, stats.max);
    },
  });
  const lookups = new Counter({
    name: 'odata_gateway_token_cache_lookups_total', help: 'Bearer tokens looked up in the verified-token cache: hit (no signature check) or miss',
    labelNames: ['result'], registers,
  });
  const hits = lookups.labels({ result: 'hit' });
  const misses = lookups.labels({ result: 'miss' });
  return {
    observeQuery: (kind, seconds) => byKind[kind].observe(seconds),
    observeTokenCache: (hit) => (hit ? hits : misses).inc(),
    watchPool: (stats) => { pool = stats; },
  };
}
