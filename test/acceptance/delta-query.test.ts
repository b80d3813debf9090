// Delta query on both engines: the initial round in pages, then exactly what was created since, with the first query kept.
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import request from 'supertest';
import { expectGraphError } from '../support/graph-assertions';
import { pathOf, walkRound } from '../support/delta-client';
import {
  EVENTS, SERVICE_ROOT, startTestGateway, temporaryDirectory, TEST_ENGINES, writeVariantCsdl, type TestGateway,
} from '../support/test-gateway';

const DELTA = `${EVENTS}/delta`;
const PAGE_OF_3 = { Prefer: 'odata.maxpagesize=3' };

for (const engine of TEST_ENGINES) describe(`delta query on ${engine}`, () => {
  let gateway: TestGateway;
  const created: Record<string, unknown>[] = [];
  const create = async (event: Record<string, unknown>) => {
    const body = (await request(gateway.app).post(EVENTS).send(event).expect(201)).body;
    const { '@odata.context': _context, ...entity } = body;
    created.push(entity);
    return entity;
  };
  const ids = (entities: readonly Record<string, unknown>[]) => entities.map((entity) => entity.id as string).sort();
  before(async function () {
    gateway = await startTestGateway({ engine, skip: () => this.skip() });
    for (let index = 0; index < 7; index += 1) {
      await create({ userId: `user-${index % 3}`, requestType: index % 2 === 0 ? 'Assign' : 'Activate', tenantId: 't1', roleName: `role ${index}` });
    }
  });
  after(async () => { await gateway?.dispose(); });

  it('pages the initial round with nextLinks, ends it with a deltaLink, and answers every entity in full once', async () => {
    const round = await walkRound(gateway.app, DELTA, PAGE_OF_3);
    expect(round.pages).to.equal(3);
    expect(ids(round.entities)).to.deep.equal(ids(created));
    expect(round.entities).to.have.deep.members(created);
    expect(round.deltaLink.startsWith(`${SERVICE_ROOT}/privilegedOperationEvents/delta?$deltatoken=`)).to.equal(true);
    expect(round.contexts).to.deep.equal(Array(3).fill(`${SERVICE_ROOT}/$metadata#privilegedOperationEvents`));
  });

  it('answers on the deltaLink exactly the entities created since, as a delta response, paged the same way', async () => {
    const first = await walkRound(gateway.app, DELTA);
    const empty = await walkRound(gateway.app, first.deltaLink);
    expect(empty.entities).to.deep.equal([]);
    const added = [await create({ userId: 'new-1' }), await create({ userId: 'new-2' }), await create({ userId: 'new-3' }), await create({ userId: 'new-4' })];
    const round = await walkRound(gateway.app, empty.deltaLink, PAGE_OF_3);
    expect([round.pages, ids(round.entities)]).to.deep.equal([2, ids(added)]);
    expect(round.contexts).to.deep.equal(Array(2).fill(`${SERVICE_ROOT}/$metadata#privilegedOperationEvents/$delta`));
    expect((await walkRound(gateway.app, round.deltaLink)).entities).to.deep.equal([]);
    // A deltaLink is state the consumer keeps: using an older one again returns the same changes again.
    expect(ids((await walkRound(gateway.app, empty.deltaLink)).entities)).to.deep.equal(ids(added));
  });

  it('answers the Graph SDK spelling microsoft.graph.delta() and delta() alike', async () => {
    for (const spelling of ['microsoft.graph.delta()', 'delta()', 'graph.delta']) {
      const round = await walkRound(gateway.app, `${EVENTS}/${spelling}`);
      expect(ids(round.entities), spelling).to.deep.equal(ids(created));
    }
  });

  it('keeps the first request\'s $select in every page and every later round', async () => {
    const round = await walkRound(gateway.app, `${DELTA}?$select=userId,requestType`, PAGE_OF_3);
    expect(round.entities.every((entity) => Object.keys(entity).sort().join() === 'requestType,userId')).to.equal(true);
    expect(round.contexts[0]).to.equal(`${SERVICE_ROOT}/$metadata#privilegedOperationEvents(requestType,userId)`);
    await create({ userId: 'selected', roleName: 'not shown' });
    const next = await walkRound(gateway.app, round.deltaLink);
    expect(next.entities).to.deep.equal([{ requestType: null, userId: 'selected' }]);
    expect(next.contexts[0]).to.equal(`${SERVICE_ROOT}/$metadata#privilegedOperationEvents(requestType,userId)/$delta`);
  });

  it('keeps a $filter on the ChangeTracking filterable properties in later rounds', async () => {
    const filter = encodeURIComponent("requestType eq 'Assign' and userId in ('user-0', 'user-2') and tenantId eq 't1'");
    const round = await walkRound(gateway.app, `${DELTA}?$filter=${filter}`, PAGE_OF_3);
    const expected = created.filter((entity) => entity.requestType === 'Assign' && ['user-0', 'user-2'].includes(String(entity.userId)));
    expect(ids(round.entities)).to.deep.equal(ids(expected));
    const matching = await create({ requestType: 'Assign', userId: 'user-2', tenantId: 't1' });
    await create({ requestType: 'Activate', userId: 'user-2', tenantId: 't1' });
    expect(ids((await walkRound(gateway.app, round.deltaLink)).entities)).to.deep.equal([matching.id]);
  });

  it('refuses $filter on other properties (400 with the target) and unsupported options (501)', async () => {
    expect(expectGraphError(await request(gateway.app).get(`${DELTA}?$filter=roleName eq 'x'`), 400, 'badRequest').target).to.equal('roleName');
    for (const option of ['$orderby=id', '$top=1', '$skip=1', '$count=true', '$search=x', '$expand=*']) {
      expect((await request(gateway.app).get(`${DELTA}?${option}`)).status, option).to.equal(501);
    }
    expect((await request(gateway.app).get(`${DELTA}?$filter=contains(userId,'x') and userId add 1 eq 2`)).status).to.equal(501);
  });

  it('answers $deltatoken=latest with no entities and a deltaLink from now on', async () => {
    const latest = await request(gateway.app).get(`${DELTA}?$deltatoken=latest&$select=userId`).expect(200);
    expect(latest.body.value).to.deep.equal([]);
    expect(latest.body).to.not.have.property('@odata.nextLink');
    const added = await create({ userId: 'after-latest' });
    const round = await walkRound(gateway.app, latest.body['@odata.deltaLink']);
    expect(round.entities).to.deep.equal([{ userId: added.userId }]);
  });

  it('answers Prefer: odata.track-changes on the collection as the initial round, with Preference-Applied', async () => {
    const response = await request(gateway.app).get(`${EVENTS}?$select=id`).set('Prefer', 'odata.track-changes, odata.maxpagesize=500').expect(200);
    expect(response.headers['preference-applied']).to.equal('odata.maxpagesize=500, odata.track-changes');
    expect(ids(response.body.value)).to.deep.equal(ids(created));
    const added = await create({ userId: 'tracked' });
    expect((await walkRound(gateway.app, response.body['@odata.deltaLink'])).entities).to.deep.equal([{ id: added.id }]);
    // With options delta cannot carry, the preference is not applied: the plain collection answers.
    const ordered = await request(gateway.app).get(`${EVENTS}?$orderby=userId&$top=1`).set('Prefer', 'odata.track-changes').expect(200);
    expect([ordered.headers['preference-applied'], ordered.body['@odata.deltaLink']]).to.deep.equal([undefined, undefined]);
  });

  it('refuses tampered, truncated and foreign tokens with 400, and options given beside a token', async () => {
    const round = await walkRound(gateway.app, DELTA);
    const token = new URL(round.deltaLink).searchParams.get('$deltatoken')!;
    const [payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), from: '0' })).toString('base64url');
    // The last signature character replaced by another one (never by itself: then the token would be intact).
    const altered = `${payload}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [`${forged}.${signature}`, token.slice(0, -1), `${payload}.`, 'x', altered]) {
      expectGraphError(await request(gateway.app).get(`${DELTA}?$deltatoken=${encodeURIComponent(bad)}`), 400, 'badRequest');
    }
    // A collection $skiptoken is no delta token, and a delta $deltatoken is not a $skiptoken.
    const page = await request(gateway.app).get(EVENTS).set('Prefer', 'odata.maxpagesize=1').expect(200);
    const collectionToken = new URL(page.body['@odata.nextLink']).searchParams.get('$skiptoken')!;
    expectGraphError(await request(gateway.app).get(`${DELTA}?$skiptoken=${collectionToken}`), 400, 'badRequest');
    expectGraphError(await request(gateway.app).get(`${DELTA}?$skiptoken=${token}`), 400, 'badRequest');
    const withFilter = await request(gateway.app).get(`${pathOf(round.deltaLink)}&$filter=userId eq 'x'`);
    expect(expectGraphError(withFilter, 400, 'badRequest').target).to.equal('$filter');
  });

  it('refuses a token of a gateway with another SKIPTOKEN_SECRET (a foreign service)', async function () {
    const foreign = await startTestGateway({ engine, skip: () => this.skip(), env: { SKIPTOKEN_SECRET: 'another-secret-of-at-least-32-bytes!!' } });
    try {
      const link = (await walkRound(foreign.app, DELTA)).deltaLink;
      expectGraphError(await request(gateway.app).get(pathOf(link)), 400, 'badRequest');
    } finally {
      await foreign.dispose();
    }
  });

  it('answers HEAD like GET and refuses POST with 405', async () => {
    await request(gateway.app).head(DELTA).expect(200);
    expect((await request(gateway.app).post(DELTA).send({})).status).to.equal(405);
  });
});

// A set whose CSDL allows updates (not deletes): a changed entity moves to a new change position, so the next round returns
// it in its current state, once.
const UPDATABLE = (xml: string) => xml
  .replace('<PropertyValue Property="Updatable" Bool="false"/>', '<PropertyValue Property="Updatable" Bool="true"/>');

for (const engine of TEST_ENGINES) describe(`delta query on an updatable set, on ${engine}`, () => {
  const directory = temporaryDirectory();
  let gateway: TestGateway;
  before(async function () {
    gateway = await startTestGateway({ engine, skip: () => this.skip(), directory, env: { CSDL_FILE: writeVariantCsdl(directory, UPDATABLE) } });
  });
  after(async () => {
    await gateway?.dispose();
    rmSync(directory, { recursive: true, force: true });
  });

  it('returns an entity changed since the deltaLink in its current state, and one created meanwhile, each once', async () => {
    const first = (await request(gateway.app).post(EVENTS).send({ userId: 'a', roleName: 'before' }).expect(201)).body.id;
    const untouched = (await request(gateway.app).post(EVENTS).send({ userId: 'b' }).expect(201)).body.id;
    const round = await walkRound(gateway.app, `${DELTA}?$select=id,roleName`);
    expect(ids(round.entities)).to.deep.equal([first, untouched].sort());
    await request(gateway.app).patch(`${EVENTS}('${first}')`).send({ roleName: 'after' }).expect(204);
    const created = (await request(gateway.app).post(EVENTS).send({ userId: 'c' }).expect(201)).body.id;
    await request(gateway.app).patch(`${EVENTS}('${first}')`).send({ roleName: 'latest' }).expect(204);
    const changes = await walkRound(gateway.app, round.deltaLink);
    expect(changes.entities).to.have.deep.members([{ id: created, roleName: null }, { id: first, roleName: 'latest' }]);
    expect(changes.entities).to.have.length(2);
    expect((await walkRound(gateway.app, changes.deltaLink)).entities).to.deep.equal([]);
  });
});

const ids = (entities: readonly Record<string, unknown>[]) => entities.map((entity) => entity.id as string).sort();
