// The delta-round workload's link: minted by the gateway ($deltatoken=latest), then 50 events created through it, so every
// measured request follows the same deltaLink and its round returns exactly those 50 new events (reads change nothing).
import type { ServerProcess } from './server-process';
import { CREATE_BODY } from './workloads';

export const DELTA_NEW_EVENTS = 50;
const SET = '/beta/privilegedOperationEvents';

export interface DeltaRoundSetup {
  /** The gateway's answer to `$deltatoken=latest` (404 or 501: no delta query, the workload is not available). */
  readonly status: number;
  /** Path and query of the deltaLink whose round holds the 50 new events. */
  readonly path?: string;
  /** Why the round is not what the workload measures, when it is not. */
  readonly problem?: string;
}

export async function prepareDeltaRound(gateway: ServerProcess, authorization?: string): Promise<DeltaRoundSetup> {
  const headers: Record<string, string> = authorization ? { authorization } : {};
  const get = async (path: string) => {
    const response = await fetch(`${gateway.origin}${path}`, { headers, signal: AbortSignal.timeout(10_000) });
    return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
  };
  const latest = await get(`${SET}/delta?$deltatoken=latest`);
  if (latest.status !== 200) return { status: latest.status };
  for (let index = 0; index < DELTA_NEW_EVENTS; index += 1) {
    const response = await fetch(`${gateway.origin}${SET}`, {
      method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: CREATE_BODY, signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    if (response.status !== 201) return { status: response.status, problem: `creating the new events answered ${response.status}` };
  }
  const link = new URL(String(latest.body['@odata.deltaLink']));
  const path = `${link.pathname}${link.search}`;
  const round = await get(path);
  const count = Array.isArray(round.body.value) ? round.body.value.length : -1;
  const complete = round.status === 200 && count === DELTA_NEW_EVENTS && typeof round.body['@odata.deltaLink'] === 'string';
  return complete ? { status: 200, path } : { status: round.status, problem: `the round answered ${round.status} with ${count} entities in one page` };
}
