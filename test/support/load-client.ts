// Drives a running gateway over HTTP from several concurrent workers; bounded in count and time.
import { SEED_EVENT } from './test-gateway';

export interface CreateLoad {
  /** Ids of the creates that were acknowledged with 201. */
  readonly acknowledged: string[];
  /** Requests that failed (connection reset by a kill, or a non-201 answer). */
  readonly failed: number;
}

/** Runs `workers` loops of POSTs until `total` are sent, `signal` aborts, or `deadlineMs` passes. */
export async function createEvents(origin: string, token: string, options: {
  readonly total: number; readonly workers: number; readonly deadlineMs: number; readonly tag?: string; readonly signal?: AbortSignal;
}): Promise<CreateLoad> {
  const acknowledged: string[] = [];
  let failed = 0;
  let started = 0;
  const deadline = Date.now() + options.deadlineMs;
  const worker = async () => {
    while (started < options.total && Date.now() < deadline && !options.signal?.aborted) {
      started += 1;
      try {
        const response = await fetch(`${origin}/beta/privilegedOperationEvents`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ ...SEED_EVENT, additionalInformation: options.tag ?? null }),
        });
        if (response.status === 201) acknowledged.push(((await response.json()) as { id: string }).id);
        else failed += 1;
      } catch {
        failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.workers }, worker));
  return { acknowledged, failed };
}

/** Follows @odata.nextLink from `path` and returns every id, in order. */
export async function readAllIds(origin: string, token: string, path: string): Promise<string[]> {
  const ids: string[] = [];
  let url: string | undefined = `${origin}${path}`;
  for (let pages = 0; url !== undefined && pages < 10_000; pages += 1) {
    const response = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Prefer: 'odata.maxpagesize=1000' } });
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
    const page = (await response.json()) as { value: { id: string }[]; '@odata.nextLink'?: string };
    ids.push(...page.value.map((entity) => entity.id));
    url = page['@odata.nextLink'];
  }
  return ids;
}
