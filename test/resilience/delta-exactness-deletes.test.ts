// Delta query stays exact on a set that is updated and deleted: two gateway processes, concurrent creates, updates and
// deletes, held transactions that delete and commit out of order or roll back, and a consumer following deltaLinks; replaying
// what it saw onto the table as it was gives the table as it is: no gap, no phantom, no resurrected entity.
import { expect } from 'chai';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { readCsdl } from '../../src/model/read-csdl';
import { withWritableSet } from '../metadata/csdl-variants';
import { DELTA_PUBLIC_URL, startDeltaConsumer } from '../support/delta-consumer';
import { developmentToken, startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { postgresHeldWriter, sqliteHeldWriter, type HeldWriter } from '../support/held-writer';
import { postgresTestDatabase, type PostgresTestDatabase } from '../support/postgres';
import { SEED_EVENT, temporaryDirectory, TEST_ENGINES, writeVariantCsdl } from '../support/test-gateway';

const RUNS = Number(process.env.DELTA_EXACTNESS_RUNS ?? 6);
const SEED = Number(process.env.FC_SEED ?? 1313);

type Step =
  | { readonly kind: 'create'; readonly instance: number; readonly count: number }
  | { readonly kind: 'update' | 'delete'; readonly instance: number; readonly pick: number }
  | { readonly kind: 'held'; readonly count: number; readonly picks: number[]; readonly commit: boolean; readonly holdMs: number }
  | { readonly kind: 'poll'; readonly instance: number };

const instance = fc.integer({ min: 0, max: 1 });
const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), instance, count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constantFrom('update' as const, 'delete' as const), instance, pick: fc.nat() }),
  fc.record({
    kind: fc.constant('held' as const), count: fc.integer({ min: 0, max: 2 }), picks: fc.array(fc.nat(), { maxLength: 2 }),
    commit: fc.boolean(), holdMs: fc.integer({ min: 10, max: 250 }),
  }),
  fc.record({ kind: fc.constant('poll' as const), instance }),
);
const scheduleArbitrary = fc.array(fc.record({ step: stepArbitrary, delayMs: fc.integer({ min: 0, max: 30 }) }), { minLength: 3, maxLength: 12 });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type Rows = Map<string, string | null>;

for (const engine of TEST_ENGINES) describe(`delta query with updates and deletes is exact with two instances on ${engine}`, function () {
  this.timeout(240_000);
  const cwd = temporaryDirectory();
  const csdl = writeVariantCsdl(cwd, withWritableSet);
  const entitySet = readCsdl(csdl).entitySets[0];
  let database: PostgresTestDatabase | undefined;
  let instances: GatewayProcess[] = [];
  let holder: HeldWriter;
  let token: string;
  let tableRows: () => Promise<Rows>;

  before(async function () {
    let env: Record<string, string>;
    if (engine === 'postgres') {
      database = await postgresTestDatabase();
      if (!database) this.skip();
      env = { DATABASE_URL: database!.url, DATABASE_SCHEMA: database!.schema };
    } else {
      env = { DATABASE_URL: `sqlite:${join(cwd, 'events.sqlite')}` };
    }
    instances = await Promise.all([0, 1].map(() => startGatewayProcess(cwd, { ...env, CSDL_FILE: csdl, PUBLIC_URL: DELTA_PUBLIC_URL })));
    token = await developmentToken(cwd, 'access-reviews', true);
    const toRows = (rows: { id: string; roleName: string | null }[]): Rows => new Map(rows.map((row) => [String(row.id), row.roleName]));
    if (database) {
      holder = postgresHeldWriter(database.url, database.schema, entitySet);
      tableRows = async () => toRows(await database!.query(`SELECT id, "roleName" FROM "${database!.schema}"."privilegedOperationEvents"`) as never);
    } else {
      const file = join(cwd, 'events.sqlite');
      holder = sqliteHeldWriter(file, entitySet);
      const reader = new Database(file, { readonly: true });
      tableRows = async () => toRows(reader.prepare('SELECT id, "roleName" FROM "privilegedOperationEvents"').all() as never);
    }
  });
  after(async () => {
    await holder?.close();
    await Promise.all(instances.map((gateway) => gateway.stop()));
    await database?.drop();
    rmSync(cwd, { recursive: true, force: true });
  });

  const send = (index: number, method: string, path: string, body?: object) => fetch(`${instances[index].origin}/beta/privilegedOperationEvents${path}`, {
    method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: body && JSON.stringify(body),
  });
  const create = async (index: number): Promise<string> => {
    const response = await send(index, 'POST', '', SEED_EVENT);
    if (response.status !== 201) throw new Error(`create answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { id: string }).id;
  };
  /** What happened is read from the table at the end: a write that lost a race (404, a busy database) is no failure here. */
  const change = async (index: number, method: 'PATCH' | 'DELETE', id: string) => {
    const response = await send(index, method, `('${id}')`, method === 'PATCH' ? { roleName: `role ${Math.random()}` } : undefined);
    await response.arrayBuffer();
  };

  it('returns a delete that began first and commits last in the round after its commit, once', async () => {
    const victim = await create(0);
    const consumer = await startDeltaConsumer(instances[0].origin, token);
    const held = await holder.open(0, [victim]);
    // PostgreSQL: a later create commits first and comes first; SQLite: it waits for the held transaction's write lock.
    const creating = create(1);
    const later = engine === 'postgres' ? await creating : undefined;
    expect(await consumer.poll(instances[0].origin)).to.deep.equal(later === undefined ? [] : [later]);
    await held.commit();
    const created = await creating;
    await consumer.poll(instances[1].origin);
    if (engine === 'sqlite') expect(consumer.seen).to.deep.equal([created]);
    expect([consumer.removed, consumer.seen]).to.deep.equal([[victim], [created]]);
    await consumer.poll(instances[0].origin);
    expect([consumer.removed, consumer.seen]).to.deep.equal([[victim], [created]]);
  });

  it(`generative (${RUNS} runs, seed ${SEED}): creates, updates, deletes, held and rolled-back transactions: replaying the rounds gives the table`, async () => {
    await fc.assert(fc.asyncProperty(scheduleArbitrary, async (schedule) => {
      const before = await tableRows();
      const pool = [...before.keys()];
      const pick = (n: number) => pool[n % Math.max(1, pool.length)];
      const consumer = await startDeltaConsumer(instances[0].origin, token, 'id,roleName');
      const rolledBack: string[] = [];
      let holds = Promise.resolve();
      const run = async (step: Step): Promise<unknown> => {
        switch (step.kind) {
          case 'create': return Promise.all(Array.from({ length: step.count }, async () => { pool.push(await create(step.instance)); }));
          case 'update': case 'delete': return pool.length === 0 ? undefined : change(step.instance, step.kind === 'update' ? 'PATCH' : 'DELETE', pick(step.pick));
          case 'poll': return consumer.poll(instances[step.instance].origin);
          case 'held': {
            const turn = holds.then(async () => {
              const held = await holder.open(step.count, [...new Set(step.picks.map(pick))].filter(Boolean));
              await sleep(step.holdMs);
              if (step.commit) { await held.commit(); pool.push(...held.ids); } else { await held.rollback(); rolledBack.push(...held.ids); }
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
        started.push(run(entry.step));
      }
      await Promise.all(started);
      writing = false;
      await background;
      await consumer.poll(instances[1].origin);
      const after = await tableRows();
      const replayed = new Map(before);
      for (const id of consumer.removed) replayed.delete(id);
      for (const [id, entity] of consumer.state) replayed.set(id, (entity.roleName ?? null) as string | null);
      expect([...consumer.seen, ...consumer.removed].filter((id) => rolledBack.includes(id)), 'entities of rolled-back transactions').to.deep.equal([]);
      expect(consumer.repeatedInRound, 'an id twice in one round').to.deep.equal([]);
      expect(consumer.removed.filter((id) => after.has(id)), 'reported removed but present').to.deep.equal([]);
      expect(Object.fromEntries(replayed), 'the table replayed from the rounds').to.deep.equal(Object.fromEntries(after));
    }), { seed: SEED, numRuns: RUNS, endOnFailure: true });
  });
});
