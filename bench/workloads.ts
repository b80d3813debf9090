// The workloads: each makes the next request (method, path, body) from a seeded random sequence. The batch workloads
// (one `$batch` of 20 requests) are measured against 20 single requests of the same kind on the gateway itself, the
// delta round against the gateway's own collection call.
import { REQUEST_TYPES, SEED_DAYS, SEED_START_MS, seedKey } from './seed-rows';

export type WorkloadName = 'post-create' | 'get-by-key' | 'collection-filter' | 'collection-range-count' | 'batch-create-20' | 'batch-read-20'
  | 'delta-round';

export interface BenchRequest {
  readonly method: 'GET' | 'POST';
  /** Path and query below the origin, e.g. `/beta/privilegedOperationEvents('…')`. */
  readonly path: string;
  readonly body?: string;
}

export interface Workload {
  readonly name: WorkloadName;
  readonly title: string;
  /** Reads a collection: the gateway answers 501 until the query work lands. */
  readonly collection: boolean;
  /** A `$batch` of `items` requests, measured on the gateway only against the `singles` workload (the baseline has no $batch). */
  readonly batch?: { readonly items: number; readonly singles: WorkloadName };
  /** Measured on the gateway only (the baseline has no delta query), as a ratio to the gateway's collection call. */
  readonly gatewayOnly?: boolean;
  next(): BenchRequest;
}

/** Requests in one batch workload's `$batch` (Graph's limit). */
export const BATCH_ITEMS = 20;

const SET = '/beta/privilegedOperationEvents';
const BATCH = '/beta/$batch';
const KEY_SAMPLE = 20_000;

/** The seed body of the issue: the five properties Access Reviews sends. */
export const CREATE_BODY = JSON.stringify({
  userId: '4a9c9d11-1e27-4f3e-8d5a-6b1c2d3e4f50',
  userName: 'Admin Name',
  userMail: 'admin@contoso.com',
  roleId: '62e90394-69f5-4237-9190-012177145e10',
  roleName: 'Global Administrator',
});

/** mulberry32: a small seeded generator, so every run sends the same request sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function query(options: Record<string, string>): string {
  return Object.entries(options).map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
}

/** `deltaPath`: the deltaLink prepared by prepareDeltaRound (bench/delta-round.ts). */
export function createWorkloads(rows: number, seed = 42, deltaPath?: string): Workload[] {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
  // Keys of existing rows, computed once: a request costs the generator an array read, not a hash.
  const keys = Array.from({ length: Math.min(rows, KEY_SAMPLE) }, () => seedKey(Math.floor(random() * rows)));
  const day = (offset: number) => new Date(SEED_START_MS + offset * 86_400_000).toISOString().slice(0, 19) + 'Z';
  const createStep = (index: number) => `{"id":"${index}","atomicityGroup":"g","method":"POST","url":"/privilegedOperationEvents",`
    + `"headers":{"Content-Type":"application/json"},"body":${CREATE_BODY}}`;
  // One body for every create batch: its requests differ only in id, and the service assigns the keys.
  const createBatch = `{"requests":[${Array.from({ length: BATCH_ITEMS }, (_, index) => createStep(index)).join(',')}]}`;
  const readBatch = () => JSON.stringify({
    requests: Array.from({ length: BATCH_ITEMS }, (_, index) => ({ id: String(index), method: 'GET', url: `/privilegedOperationEvents('${pick(keys)}')` })),
  });
  return [
    { name: 'post-create', title: 'POST create', collection: false, next: () => ({ method: 'POST', path: SET, body: CREATE_BODY }) },
    {
      name: 'batch-create-20', title: '$batch: one atomicity group of 20 creates', collection: false,
      batch: { items: BATCH_ITEMS, singles: 'post-create' }, next: () => ({ method: 'POST', path: BATCH, body: createBatch }),
    },
    {
      name: 'batch-read-20', title: '$batch: 20 GETs by key', collection: false,
      batch: { items: BATCH_ITEMS, singles: 'get-by-key' }, next: () => ({ method: 'POST', path: BATCH, body: readBatch() }),
    },
    { name: 'get-by-key', title: 'GET by key', collection: false, next: () => ({ method: 'GET', path: `${SET}('${pick(keys)}')` }) },
    {
      name: 'collection-filter', title: 'GET $filter=requestType', collection: true,
      next: () => ({
        method: 'GET',
        path: `${SET}?${query({ $filter: `requestType eq '${pick(REQUEST_TYPES)}'`, $top: '50', $orderby: 'creationDateTime desc' })}`,
      }),
    },
    {
      name: 'collection-range-count', title: 'GET creationDateTime range $count', collection: true,
      next: () => {
        const from = Math.floor(random() * (SEED_DAYS - 1));
        const filter = `creationDateTime ge ${day(from)} and creationDateTime lt ${day(from + 1)}`;
        return { method: 'GET', path: `${SET}?${query({ $filter: filter, $count: 'true', $top: '50', $orderby: 'creationDateTime desc' })}` };
      },
    },
    {
      name: 'delta-round', title: 'GET delta round of 50 new events', collection: true, gatewayOnly: true,
      next: () => ({ method: 'GET', path: deltaPath ?? `${SET}/delta?$deltatoken=latest` }),
    },
  ];
}
