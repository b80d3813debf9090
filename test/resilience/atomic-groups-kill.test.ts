// Atomicity groups across SIGKILL: batches of one group of creates (each group's rows marked by a userName of its
// own) are sent to the real process, which is killed at a seeded random moment and restarted; every group's rows are
// then all there or none (all when its batch was answered with 201s). A seeded loop, bounded for CI:
//   KILL_TEST_SEED=<n> KILL_TEST_ROUNDS=<n> replay or extend it.
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { developmentToken, startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { postgresTestDatabase, type PostgresTestDatabase } from '../support/postgres';
import { SEED_EVENT, temporaryDirectory, TEST_ENGINES } from '../support/test-gateway';

const SEED = Number(process.env.KILL_TEST_SEED ?? 20261202);
const ROUNDS = Number(process.env.KILL_TEST_ROUNDS ?? 3);
const WORKERS = 4;

/** mulberry32: a small seeded generator, so that a failing run can be replayed with its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SentGroup { readonly size: number; answered?: 'committed' | 'failed' }

/** Workers sending batches with one group of 2–8 creates each until `signal` aborts. */
async function sendGroups(origin: string, token: string, round: number, signal: AbortSignal, sent: Map<string, SentGroup>): Promise<void> {
  const worker = async (index: number) => {
    const next = random(SEED * 31 + round * 1009 + index);
    for (let count = 0; !signal.aborted; count += 1) {
      const mark = `kill-${round}-${index}-${count}`;
      const group: SentGroup = { size: 2 + Math.floor(next() * 7) };
      sent.set(mark, group);
      const requests = Array.from({ length: group.size }, (_, step) => ({
        id: String(step), atomicityGroup: 'g', method: 'POST', url: '/privilegedOperationEvents',
        headers: { 'Content-Type': 'application/json' }, body: { ...SEED_EVENT, userName: mark },
      }));
      try {
        const response = await fetch(`${origin}/beta/$batch`, {
          method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ requests }),
        });
        const statuses = ((await response.json()) as { responses?: { status: number }[] }).responses?.map((inner) => inner.status) ?? [];
        group.answered = statuses.length === group.size && statuses.every((status) => status === 201) ? 'committed' : 'failed';
      } catch {
        // cut by the kill: either outcome is allowed, but only as a whole
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, (_, index) => worker(index)));
}

/** userName → rows, over every page of the collection. */
async function rowsByMark(origin: string, token: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let url: string | undefined = `${origin}/beta/privilegedOperationEvents?$select=userName`;
  while (url !== undefined) {
    const response = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Prefer: 'odata.maxpagesize=1000' } });
    expect(response.status).to.equal(200);
    const page = (await response.json()) as { value: { userName: string }[]; '@odata.nextLink'?: string };
    for (const { userName } of page.value) counts.set(userName, (counts.get(userName) ?? 0) + 1);
    url = page['@odata.nextLink'];
  }
  return counts;
}

for (const engine of TEST_ENGINES) describe(`atomicity groups across SIGKILL on ${engine}`, function () {
  this.timeout(60_000 + ROUNDS * 20_000);
  const cwd = temporaryDirectory();
  let database: PostgresTestDatabase | undefined;
  let env: Record<string, string>;
  let running: GatewayProcess | undefined;
  before(async function () {
    if (engine === 'postgres') {
      database = await postgresTestDatabase();
      if (!database) this.skip();
      env = { DATABASE_URL: database!.url, DATABASE_SCHEMA: database!.schema, ACCESS_LOG: 'off' };
    } else {
      env = { DATABASE_URL: `sqlite:${join(cwd, 'data', 'events.sqlite')}`, ACCESS_LOG: 'off' };
    }
  });
  after(async () => {
    await running?.stop('SIGKILL');
    await database?.drop();
    rmSync(cwd, { recursive: true, force: true });
  });

  it(`keeps each group's rows all or none after kills at random moments (seed ${SEED}, ${ROUNDS} rounds)`, async () => {
    const sent = new Map<string, SentGroup>();
    const moments = random(SEED + (engine === 'postgres' ? 1 : 0));
    for (let round = 0; round < ROUNDS; round += 1) {
      running = await startGatewayProcess(cwd, env);
      const token = await developmentToken(cwd, 'access-reviews');
      const stop = new AbortController();
      const load = sendGroups(running.origin, token, round, stop.signal, sent);
      const killAfterMs = 300 + Math.floor(moments() * 1200);
      await new Promise((resolve) => setTimeout(resolve, killAfterMs));
      stop.abort();
      expect(await running.stop('SIGKILL')).to.equal(null);
      await load;
    }
    running = await startGatewayProcess(cwd, env);
    const counts = await rowsByMark(running.origin, await developmentToken(cwd, 'reader'));
    const broken: string[] = [];
    for (const [mark, group] of sent) {
      const rows = counts.get(mark) ?? 0;
      const allowed = group.answered === 'committed' ? [group.size] : group.answered === 'failed' ? [0] : [0, group.size];
      if (!allowed.includes(rows)) broken.push(`${mark}: ${rows} of ${group.size} rows (${group.answered ?? 'cut by the kill'})`);
    }
    const unknown = [...counts.keys()].filter((mark) => !sent.has(mark));
    expect({ broken, unknown }, `seed ${SEED}`).to.deep.equal({ broken: [], unknown: [] });
    expect([...sent.values()].filter((group) => group.answered === 'committed').length, 'groups committed before the kills').to.be.greaterThan(ROUNDS);
  });
});
