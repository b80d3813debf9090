// A delta consumer over HTTP: keeps only its deltaLink, follows each round to its end through whichever instance it is given.
const PUBLIC_URL = 'https://gateway.delta.test';
export const DELTA_PUBLIC_URL = PUBLIC_URL;

export interface DeltaConsumer {
  /** Every entity id it received, in order, duplicates kept (so that a duplicate shows); tombstones not included. */
  readonly seen: string[];
  /** The ids of the `@removed` tombstones it received, in order, duplicates kept. */
  readonly removed: string[];
  /** Its copy of the set, every round applied in order: an entity replaces its id's entry, a tombstone deletes it. */
  readonly state: Map<string, Record<string, unknown>>;
  /** An id that came twice within one round (a round holds each change once), if any. */
  readonly repeatedInRound: string[];
  /** One round through `origin`, from the kept deltaLink to the next one; resolves with the ids of the round. */
  poll(origin: string): Promise<string[]>;
  /** The one piece of state a consumer keeps between rounds. */
  readonly link: () => string;
}

async function getJson(origin: string, link: string, token: string): Promise<Record<string, unknown>> {
  const url = link.startsWith(PUBLIC_URL) ? `${origin}${link.slice(PUBLIC_URL.length)}` : `${origin}${link}`;
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Prefer: 'odata.maxpagesize=3' } });
  const body = await response.json() as Record<string, unknown>;
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

/** Starts from `$deltatoken=latest`, so it sees exactly what is created after this call returns; `select` names what it keeps. */
export async function startDeltaConsumer(origin: string, token: string, select = 'id'): Promise<DeltaConsumer> {
  const first = await getJson(origin, `/beta/privilegedOperationEvents/delta?$deltatoken=latest&$select=${select}`, token);
  let link = String(first['@odata.deltaLink']);
  const seen: string[] = [];
  const removed: string[] = [];
  const state = new Map<string, Record<string, unknown>>();
  const repeatedInRound: string[] = [];
  let turn: Promise<unknown> = Promise.resolve();
  // One consumer polls one round at a time (its link is its only state); callers may overlap, rounds take turns.
  const poll = async (origin: string): Promise<string[]> => {
      const round: string[] = [];
      const entries: Record<string, unknown>[] = [];
      let next: string | undefined = link;
      while (next !== undefined) {
        const body = await getJson(origin, next, token);
        entries.push(...body.value as Record<string, unknown>[]);
        next = body['@odata.nextLink'] as string | undefined;
        if (next === undefined) link = String(body['@odata.deltaLink']);
      }
      const inRound = new Set<string>();
      for (const entry of entries) {
        const id = String(entry.id);
        if (inRound.has(id)) repeatedInRound.push(id);
        inRound.add(id);
        if ('@removed' in entry) { removed.push(id); state.delete(id); continue; }
        round.push(id);
        state.set(id, entry);
      }
      seen.push(...round);
      return round;
  };
  return {
    seen, removed, state, repeatedInRound,
    link: () => link,
    poll(origin) {
      const result = turn.then(() => poll(origin));
      turn = result.catch(() => undefined);
      return result;
    },
  };
}
