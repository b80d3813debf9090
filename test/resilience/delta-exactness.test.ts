// Delta query is exact across instances: two gateway processes, concurrent creates, transactions that commit out of order or
// roll back, and a consumer following deltaLinks meanwhile; in the end it has seen every committed event exactly once.
import { expect } from 'chai';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULTS } from '../../src/config/gateway-config';
import { readCsdl } from '../../src/model/read-csdl';
import { DELTA_PUBLIC_URL, startDeltaConsumer } from '../support/delta-consumer';
import { developmentToken, startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { postgresHeldWriter, sqliteHeldWriter, type HeldWriter } from '../support/held-writer';
import { postgresTestDatabase, type PostgresTestDatabase } from '../support/postgres';
import { SEED_EVENT, temporaryDirectory, TEST_ENGINES } from '../support/test-gateway';

/** Bounded in CI; DELTA_EXACTNESS_RUNS and FC_SEED widen or vary the search locally. */
const RUNS = Number(process.env.DELTA_EXACTNESS_RUNS ?? 6);
const SEED = Number(process.env.FC_SEED ?? 1313);

type Step =
  | { readonly kind: 'create'; readonly instance: number; readonly count: number }
  | { readonly kind: 'held'; readonly count: number; readonly commit: boolean; readonly holdMs: number }
  | { readonly kind: 'poll'; readonly instance: number };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), instance: fc.integer({ min: 0, max: 1 }), count: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('held' as const), count: fc.integer({ min: 1, max: 3 }), commit: fc.boolean(), holdMs: fc.integer({ min: 10, max: 250 }) }),
  fc.record({ kind: fc.constant('poll' as const), instance: fc.integer({ min: 0, max: 1 }) }),
);
const scheduleArbitrary = fc.array(fc.record({ step: stepArbitrary, delayMs: fc.integer({ min: 0, max: 30 }) }), { minLength: 3, maxLength: 10 });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sorted = (ids: Iterable<string>) => [...ids].sort();

for (const engine of TEST_ENGINES) describe(`delta query is exact with two instances on ${engine}`, function () {
  this.timeout(240_000);
  const cwd = temporaryDirectory();
  const entitySet = readCsdl(DEFAULTS.CSDL_FILE).entitySets[0];
  let database: PostgresTestDatabase | undefined;
  let instances: GatewayProcess[] = [];
  let holder: HeldWriter;
  let token: string;
  let tableIds: () => Promise<Set<string>>;

  before(async function () {
    let env: Record<string, string>;
    if (engine === 'postgres') {
      database = await postgresTestDatabase();
      if (!database) this.skip();
      env = { DATABASE_URL: database!.url, DATABASE_SCHEMA: database!.schema };
    } else {
      env = { DATABASE_URL: `sqlite:${join(cwd, 'events.sqlite')}` };
    }
    // Started together: both run the start-up schema rules (table, change position, indexes) at once.
    instances = await Promise.all([0, 1].map(() => startGatewayProcess(cwd, { ...env, PUBLIC_URL: DELTA_PUBLIC_URL })));
    token = await developmentToken(cwd, 'access-reviews', true); // creates and reads
    if (database) {
      holder = postgresHeldWriter(database.url, database.schema);
      tableIds = async () => new Set((await database!.query(`SELECT id FROM "${database!.schema}"."privilegedOperationEvents"`)).map((row) => String(row.id)));
    } else {
      const file = join(cwd, 'events.sqlite');
      holder = sqliteHeldWriter(file, entitySet);
      const reader = new Database(file, { readonly: true });
      tableIds = async () => new Set((reader.prepare('SELECT id FROM "privilegedOperationEvents"').all() as { id: string }[]).map((row) => row.id));
    }
  });
  after(async () => {
    await holder?.close();
    await Promise.all(instances.map((instance) => instance.stop()));
    await database?.drop();
    rmSync(cwd, { recursive: true, force: true });
  });

  const create = async (instance: number): Promise<string> => {
    const response = await fetch(`${instances[instance].origin}/beta/privilegedOperationEvents`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(SEED_EVENT),
    });
    if (response.status !== 201) throw new Error(`create answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { id: string }).id;
  };

  if (engine === 'postgres') {
    it('returns a transaction that began first and commits last in the round after its commit, once', async () => {
      const consumer = await startDeltaConsumer(instances[0].origin, token);
      const held = await holder.open(1); // its xid is below every later writer's
      const later = [await create(1), await create(0), await create(1)];
      expect(sorted(await consumer.poll(instances[0].origin))).to.deep.equal(sorted(later));
      await held.commit();
      expect(await consumer.poll(instances[1].origin)).to.deep.equal(held.ids);
      expect(await consumer.poll(instances[0].origin)).to.deep.equal([]);
    });
  } else {
    it('serializes a writer behind an open transaction, so positions follow commit order', async () => {
      const consumer = await startDeltaConsumer(instances[0].origin, token);
      const held = await holder.open(1);
      let acknowledged = false;
      const waiting = create(1).then((id) => { acknowledged = true; return id; });
      await sleep(300);
      // Readers are not blocked (WAL) and see nothing uncommitted; the other process's create waits for the lock.
      expect(await consumer.poll(instances[0].origin)).to.deep.equal([]);
      expect(acknowledged, 'the create waited for the open transaction').to.equal(false);
      await held.commit();
      const id = await waiting;
      expect(await consumer.poll(instances[0].origin)).to.deep.equal([...held.ids, id]);
    });
  }

  it(`generative (${RUNS} runs, seed ${SEED}): random interleavings of creates, held and rolled-back transactions and polls lose and repeat nothing`, async () => {
    await fc.assert(fc.asyncProperty(scheduleArbitrary, async (schedule) => {
      const before = await tableIds();
      const consumer = await startDeltaConsumer(instances[0].origin, token);
      const rolledBack: string[] = [];
      let holds = Promise.resolve(); // SQLite has one holder connection: its transactions take turns
      const run = async ({ step }: { step: Step }): Promise<unknown> => {
        switch (step.kind) {
          case 'create': return Promise.all(Array.from({ length: step.count }, () => create(step.instance)));
          case 'poll': return consumer.poll(instances[step.instance].origin);
          case 'held': {
            const turn = holds.then(async () => {
              const held = await holder.open(step.count);
              await sleep(step.holdMs);
              if (step.commit) await held.commit();
              else { await held.rollback(); rolledBack.push(...held.ids); }
            });
            holds = engine === 'sqlite' ? turn : holds;
            return turn;
          }
        }
      };
      let writing = true;
      const background = (async () => {
        for (let round = 0; writing; round += 1) { await consumer.poll(instances[round % 2].origin); await sleep(5); }
      })();
      const started: Promise<unknown>[] = [];
      for (const entry of schedule) {
        await sleep(entry.delayMs);
        started.push(run(entry));
      }
      await Promise.all(started);
      writing = false;
      await background;
      await consumer.poll(instances[1].origin); // after the last commit: the rest of the events
      const added = sorted([...await tableIds()].filter((id) => !before.has(id)));
      expect(consumer.seen.filter((id) => rolledBack.includes(id)), 'events of rolled-back transactions').to.deep.equal([]);
      expect(sorted(consumer.seen), 'every committed event exactly once').to.deep.equal(added);
    }), { seed: SEED, numRuns: RUNS, endOnFailure: true });
  });

  it('continues from a kept deltaLink on an instance started after the link was issued', async () => {
    const consumer = await startDeltaConsumer(instances[0].origin, token);
    const created = [await create(0), await create(1)];
    await instances[0].stop();
    const env: Record<string, string> = engine === 'postgres'
      ? { DATABASE_URL: database!.url, DATABASE_SCHEMA: database!.schema } : { DATABASE_URL: `sqlite:${join(cwd, 'events.sqlite')}` };
    instances[0] = await startGatewayProcess(cwd, { ...env, PUBLIC_URL: DELTA_PUBLIC_URL });
    expect(sorted(await consumer.poll(instances[0].origin))).to.deep.equal(sorted(created));
  });
});
