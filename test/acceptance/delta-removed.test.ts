// Delta query on a deletable set, both engines: deletes come as Graph's `@removed` tombstones, in commit order with creates
// and updates, exactly once; the first round never holds one; a link older than the kept tombstones → 410 resyncRequired.
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { withDeletableSet } from '../metadata/csdl-variants';
import { walkRound } from '../support/delta-client';
import { expectGraphError } from '../support/graph-assertions';
import { postgresHeldWriter } from '../support/held-writer';
import { postgresTestDatabase, type PostgresTestDatabase } from '../support/postgres';
import { EVENTS, SERVICE_ROOT, startTestGateway, temporaryDirectory, TEST_ENGINES, writeVariantCsdl, type TestGateway } from '../support/test-gateway';

const DELTA = `${EVENTS}/delta`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const removed = (id: string) => ({ id, '@removed': { reason: 'deleted' } });

for (const engine of TEST_ENGINES) describe(`delta query on a deletable set, on ${engine}`, function () {
  this.timeout(30_000);
  const directory = temporaryDirectory();
  let gateway: TestGateway;
  const create = async (userId: string) => (await request(gateway.app).post(EVENTS).send({ userId }).expect(201)).body.id as string;
  const remove = (id: string) => request(gateway.app).delete(`${EVENTS}('${id}')`).expect(204);
  before(async function () {
    gateway = await startTestGateway({ engine, skip: () => this.skip(), directory, env: { CSDL_FILE: writeVariantCsdl(directory, withDeletableSet) } });
  });
  after(async () => {
    await gateway?.dispose();
    rmSync(directory, { recursive: true, force: true });
  });

  it('returns a deleted entity as {id, @removed: {reason: deleted}} in commit order with creates, once, never in a first round', async () => {
    const kept = await create('kept');
    const doomed = await create('doomed');
    const start = await walkRound(gateway.app, `${DELTA}?$select=id,userId`);
    await remove(doomed);
    const added = await create('added');
    const both = await create('created then deleted');
    await remove(both);
    await remove(kept);
    const round = await walkRound(gateway.app, start.deltaLink, { Prefer: 'odata.maxpagesize=2' });
    // The entity created and deleted within the window comes as removed only (a consumer drops an id it never had).
    expect(round.entities).to.deep.equal([removed(doomed), { id: added, userId: 'added' }, removed(both), removed(kept)]);
    expect(round.pages).to.equal(2);
    expect(round.contexts[0]).to.equal(`${SERVICE_ROOT}/$metadata#privilegedOperationEvents(id,userId)/$delta`);
    expect((await walkRound(gateway.app, round.deltaLink)).entities).to.deep.equal([]);
    const first = await walkRound(gateway.app, DELTA);
    expect(first.entities.some((entity) => '@removed' in entity), 'no tombstone in a first round').to.equal(false);
    expect(first.entities.map((entity) => entity.id)).to.include(added).and.not.include(kept);
  });

  it('never reuses a deleted entity\'s position: a create after deleting the newest entity comes in the next round', async () => {
    const newest = await create('newest');
    const link = (await walkRound(gateway.app, `${DELTA}?$deltatoken=latest`)).deltaLink;
    await remove(newest);
    const mid = await walkRound(gateway.app, link);
    expect(mid.entities).to.deep.equal([removed(newest)]);
    const after = await create('after');
    expect((await walkRound(gateway.app, mid.deltaLink)).entities.map((entity) => entity.id)).to.deep.equal([after]);
  });

  it('sends tombstones whatever the $filter, and with @odata.id at full metadata', async () => {
    const id = await create('filtered-out');
    const start = await walkRound(gateway.app, `${DELTA}?$filter=userId eq 'someone else'`);
    await remove(id);
    const round = await walkRound(gateway.app, start.deltaLink, { Accept: 'application/json;odata.metadata=full' });
    expect(round.entities).to.deep.equal([{ '@odata.id': `${SERVICE_ROOT}/privilegedOperationEvents('${id}')`, ...removed(id) }]);
  });
});

for (const engine of TEST_ENGINES) describe(`delta tombstone retention on ${engine}`, function () {
  this.timeout(30_000);
  const directory = temporaryDirectory();
  let database: PostgresTestDatabase | undefined;
  let env: Record<string, string>;
  let gateway: TestGateway;
  /** A gateway on the same database each time (a restart), purging tombstones older than a second. */
  const open = () => startTestGateway({ directory, env: { ...env, CSDL_FILE: join(directory, 'variant.xml'), DELTA_RETENTION_MS: '1000' } });
  before(async function () {
    writeVariantCsdl(directory, withDeletableSet);
    if (engine === 'postgres') {
      database = await postgresTestDatabase();
      if (!database) this.skip();
      env = { DATABASE_URL: database!.url, DATABASE_SCHEMA: database!.schema };
    } else {
      env = { DATABASE_URL: `sqlite:${join(directory, 'gateway.sqlite')}` };
    }
    gateway = await open();
  });
  after(async () => {
    await gateway?.close();
    await database?.drop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('answers a link older than the kept tombstones with 410 resyncRequired and a Location to start again; newer links stay exact', async () => {
    const id = (await request(gateway.app).post(EVENTS).send({ userId: 'x' }).expect(201)).body.id;
    const old = await walkRound(gateway.app, `${DELTA}?$select=id,userId`);
    await request(gateway.app).delete(`${EVENTS}('${id}')`).expect(204);
    // The periodic purge (every second at this retention) removes the tombstone once it is a second old.
    let gone = await request(gateway.app).get(old.deltaLink.slice(old.deltaLink.indexOf('/beta')));
    expect(gone.status, 'kept while within the retention').to.equal(200);
    for (let waited = 0; gone.status === 200 && waited < 5000; waited += 100) {
      await sleep(100);
      gone = await request(gateway.app).get(old.deltaLink.slice(old.deltaLink.indexOf('/beta')));
    }
    expectGraphError(gone, 410, 'resyncRequired');
    const fresh = await walkRound(gateway.app, `${DELTA}?$deltatoken=latest`);
    expect(gone.headers.location).to.equal(`${SERVICE_ROOT}/privilegedOperationEvents/delta?$select=${encodeURIComponent('id,userId')}`);
    // The purged tombstone held the largest position: a new event still gets a larger one (SQLite counts the horizon).
    const later = (await request(gateway.app).post(EVENTS).send({ userId: 'later' }).expect(201)).body.id;
    expect((await walkRound(gateway.app, fresh.deltaLink)).entities.map((entity) => entity.id)).to.deep.equal([later]);
    const restart = await walkRound(gateway.app, gone.headers.location);
    expect(restart.entities.map((entity) => entity.id)).to.not.include(id);
  });

  it('refuses the next page of a round whose tombstones were purged meanwhile (never a round with a gap)', async () => {
    const ids = [];
    for (const userId of ['p', 'q']) ids.push((await request(gateway.app).post(EVENTS).send({ userId }).expect(201)).body.id);
    const link = (await walkRound(gateway.app, `${DELTA}?$deltatoken=latest`)).deltaLink;
    for (const id of ids) await request(gateway.app).delete(`${EVENTS}('${id}')`).expect(204);
    const first = await request(gateway.app).get(link.slice(link.indexOf('/beta'))).set('Prefer', 'odata.maxpagesize=1').expect(200);
    expect(first.body.value).to.deep.equal([removed(ids[0])]);
    const next = String(first.body['@odata.nextLink']);
    let page = await request(gateway.app).get(next.slice(next.indexOf('/beta')));
    for (let waited = 0; page.status === 200 && waited < 5000; waited += 100) {
      await sleep(100);
      page = await request(gateway.app).get(next.slice(next.indexOf('/beta')));
    }
    expectGraphError(page, 410, 'resyncRequired');
  });

  if (engine === 'postgres') {
    it('keeps answering a link taken while an older, unrelated transaction was open, as long as it has not committed', async () => {
      const holder = postgresHeldWriter(database!.url, database!.schema);
      try {
        const unrelated = await holder.open(1); // begins before the delete: the links taken meanwhile have its xid in xip
        const id = (await request(gateway.app).post(EVENTS).send({ userId: 'z' }).expect(201)).body.id;
        const before = (await walkRound(gateway.app, `${DELTA}?$deltatoken=latest`)).deltaLink;
        await request(gateway.app).delete(`${EVENTS}('${id}')`).expect(204);
        const after = (await walkRound(gateway.app, `${DELTA}?$deltatoken=latest`)).deltaLink;
        let gone = await request(gateway.app).get(before.slice(before.indexOf('/beta')));
        for (let waited = 0; gone.status === 200 && waited < 5000; waited += 100) {
          await sleep(100);
          gone = await request(gateway.app).get(before.slice(before.indexOf('/beta')));
        }
        expectGraphError(gone, 410, 'resyncRequired');
        // The purged delete is visible to `after`; the open transaction in its xip is still running, so it wrote no purged tombstone.
        expect((await walkRound(gateway.app, after)).entities).to.deep.equal([]);
        await unrelated.rollback();
        expect((await walkRound(gateway.app, after)).entities, 'an aborted transaction wrote nothing either').to.deep.equal([]);
      } finally {
        await holder.close();
      }
    });
  }

  it('purges at start-up: a link older than the retention is refused by a gateway started after it expired', async () => {
    const id = (await request(gateway.app).post(EVENTS).send({ userId: 'y' }).expect(201)).body.id;
    const link = (await walkRound(gateway.app, `${DELTA}?$deltatoken=latest`)).deltaLink;
    await request(gateway.app).delete(`${EVENTS}('${id}')`).expect(204);
    await gateway.close();
    await sleep(1100);
    gateway = await open();
    expectGraphError(await request(gateway.app).get(link.slice(link.indexOf('/beta'))), 410, 'resyncRequired');
  });
});
