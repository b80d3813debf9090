// A delta consumer over HTTP: keeps only its deltaLink, follows each round to its end through whichever instance it is given.
const PUBLIC_URL = 'https://gateway.delta.test';
export const DELTA_PUBLIC_URL = PUBLIC_URL;

export interface DeltaConsumer {
  /** Every entity id it received, in order, duplicates kept (so that a duplicate shows). */
  readonly seen: string[];
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

/** Starts from `$deltatoken=latest`, so it sees exactly what is created after this call returns. */
export async function startDeltaConsumer(origin: string, token: string): Promise<DeltaConsumer> {
  const first = await getJson(origin, '/beta/privilegedOperationEvents/delta?$deltatoken=latest&$select=id', token);
  let link = String(first['@odata.deltaLink']);
  const seen: string[] = [];
  let turn: Promise<unknown> = Promise.resolve();
  // One consumer polls one round at a time (its link is its only state); callers may overlap, rounds take turns.
  const poll = async (origin: string): Promise<string[]> => {
      const round: string[] = [];
      let next: string | undefined = link;
      while (next !== undefined) {
        const body = await getJson(origin, next, token);
        round.push(...(body.value as { id: string }[]).map((entity) => entity.id));
        next = body['@odata.nextLink'] as string | undefined;
        if (next === undefined) link = String(body['@odata.deltaLink']);
      }
      seen.push(...round);
      return round;
  };
  return {
    seen,
    link: () => link,
    poll(origin) {
      const result = turn.then(() => poll(origin));
      turn = result.catch(() => undefined);
      return result;
    },
  };
}
