// OData 4.01 atomicity groups in a JSON $batch, on both engines: a group's requests all commit or none do (one
// transaction), the responses of a failed group say so (§19.5), malformed groups are one 400 that writes nothing.
import { expect } from 'chai';
import request from 'supertest';
import { withoutChangeTracking } from '../metadata/csdl-variants';
import { expectGraphError } from '../support/graph-assertions';
import { EVENTS, SEED_EVENT, startTestGateway, TEST_ENGINES, useVariantGateway, writeVariantCsdl } from '../support/test-gateway';

/** PATCH and DELETE allowed, so that groups can hold them (a deletable set is not change-tracked, src/delta/README.md). */
const MUTABLE = (xml: string) => withoutChangeTracking(xml)
  .replace('<PropertyValue Property="Updatable" Bool="false"/>', '<PropertyValue Property="Updatable" Bool="true"/>')
  .replace('<PropertyValue Property="Deletable" Bool="false"/>', '<PropertyValue Property="Deletable" Bool="true"/>');

const BATCH = '/beta/$batch';
const JSON_HEADERS = { 'Content-Type': 'application/json' };

interface Inner { id: string; atomicityGroup?: string; status: number; headers: Record<string, string>; body?: { id?: string; error?: { code: string; message: string } } }

const create = (id: string, group: string | undefined, body: unknown = SEED_EVENT, extra: Record<string, unknown> = {}) => ({
  id, method: 'POST', url: '/privilegedOperationEvents', headers: JSON_HEADERS, body, ...(group === undefined ? {} : { atomicityGroup: group }), ...extra,
});
const marked = (mark: string) => ({ ...SEED_EVENT, userName: mark });

for (const engine of TEST_ENGINES) describe(`$batch atomicity groups on ${engine}`, () => {
  const variant = useVariantGateway(engine, MUTABLE);

  const batch = (requests: unknown[]) => request(variant().app).post(BATCH).send({ requests });
  const rowsMarked = async (mark: string) => {
    const response = await request(variant().app).get(`${EVENTS}?$filter=userName eq '${mark}'&$count=true&$top=0`).expect(200);
    return response.body['@odata.count'] as number;
  };

  it('commits every request of a group that succeeds, and echoes atomicityGroup in each of its responses', async () => {
    const response = await batch([create('1', 'g1', marked('committed')), create('2', 'g1', marked('committed')), create('3', undefined, marked('alone'))]).expect(200);
    const responses = response.body.responses as Inner[];
    expect(responses.map((inner) => [inner.id, inner.atomicityGroup, inner.status])).to.deep.equal([['1', 'g1', 201], ['2', 'g1', 201], ['3', undefined, 201]]);
    expect(await rowsMarked('committed')).to.equal(2);
  });

  it('a group whose last request fails leaves no row of the group: that request keeps its error, the others answer 424', async () => {
    const rows = await variant().countEvents();
    const response = await batch([
      create('a', 'G', marked('rolled-back')), create('b', 'G', marked('rolled-back')), create('c', 'G', { ...SEED_EVENT, userId: 42 }),
    ]).expect(200);
    const responses = response.body.responses as Inner[];
    expect(responses.map((inner) => [inner.id, inner.atomicityGroup, inner.status])).to.deep.equal([['a', 'G', 424], ['b', 'G', 424], ['c', 'G', 400]]);
    expect(responses[0]!.body!.error!.code).to.equal('failedDependency');
    expect(responses[0]!.body!.error!.message).to.match(/rolled back.*'c'/);
    expect(await rowsMarked('rolled-back')).to.equal(0);
    expect(await variant().countEvents()).to.equal(rows);
  });

  it('does not run the requests after the one that failed (424), and requests that depend on the group answer 424', async () => {
    const response = await batch([
      create('1', 'g', { ...SEED_EVENT, nope: true }), create('2', 'g', marked('never')),
      { id: 'after', method: 'GET', url: '/privilegedOperationEvents/$count', dependsOn: ['g'] },
      { id: 'free', method: 'GET', url: '/privilegedOperationEvents/$count' },
    ]).expect(200);
    const byId = new Map((response.body.responses as Inner[]).map((inner) => [inner.id, inner]));
    expect(['1', '2', 'after', 'free'].map((id) => byId.get(id)!.status)).to.deep.equal([400, 424, 424, 200]);
    expect(byId.get('2')!.body!.error!.message).to.match(/was not run/);
    expect(await rowsMarked('never')).to.equal(0);
  });

  it('runs a request that depends on a committed group after it, and reads the group\'s writes', async () => {
    const response = await batch([
      create('1', 'g', marked('dependency')), create('2', 'g', marked('dependency')),
      { id: 'count', method: 'GET', url: "/privilegedOperationEvents?$filter=userName%20eq%20'dependency'&$count=true&$top=0", dependsOn: ['g'] },
    ]).expect(200);
    const count = (response.body.responses as Inner[]).find((inner) => inner.id === 'count') as unknown as { status: number; body: Record<string, unknown> };
    expect([count.status, count.body['@odata.count']]).to.deep.equal([200, 2]);
  });

  it('lets a request of a group read and reference what an earlier request of the same group wrote (inside the transaction)', async () => {
    const response = await batch([
      create('new', 'g', marked('in-group')),
      { id: 'read', method: 'GET', url: '$new', atomicityGroup: 'g', dependsOn: ['new'] },
      { id: 'patch', method: 'PATCH', url: '$new', headers: JSON_HEADERS, body: { roleName: 'Changed' }, atomicityGroup: 'g', dependsOn: ['new'] },
    ]).expect(200);
    const [created, read, patch] = response.body.responses as Inner[];
    expect([created!.status, read!.status, patch!.status]).to.deep.equal([201, 200, 204]);
    expect(read!.body!.id).to.equal(created!.body!.id);
    const stored = await request(variant().app).get(`${EVENTS}('${created!.body!.id}')`).expect(200);
    expect(stored.body.roleName).to.equal('Changed');
  });

  it('references a request of an earlier, committed group from another group that names it in dependsOn', async () => {
    const response = await batch([
      create('1', 'g1', marked('across')),
      { id: '2', method: 'GET', url: '$1', atomicityGroup: 'g2', dependsOn: ['g1', '1'] },
      { id: '3', method: 'GET', url: '$1/userName', dependsOn: ['g1'] },
    ]).expect(200);
    const [created, read, property] = response.body.responses as (Inner & { body: Record<string, unknown> })[];
    expect([read!.status, read!.body.id]).to.deep.equal([200, created!.body.id]);
    expect([property!.status, property!.body.value]).to.deep.equal([200, 'across']);
  });

  it('rolls back a group whose PATCH or DELETE came before the failing request', async () => {
    const id = (await request(variant().app).post(EVENTS).send(marked('kept')).expect(201)).body.id as string;
    const response = await batch([
      { id: 'patch', method: 'PATCH', url: `/privilegedOperationEvents('${id}')`, headers: JSON_HEADERS, body: { roleName: 'Never' }, atomicityGroup: 'g' },
      { id: 'delete', method: 'DELETE', url: `/privilegedOperationEvents('${id}')`, atomicityGroup: 'g' },
      { id: 'missing', method: 'DELETE', url: "/privilegedOperationEvents('no-such-event')", atomicityGroup: 'g' },
    ]).expect(200);
    expect((response.body.responses as Inner[]).map((inner) => inner.status)).to.deep.equal([424, 424, 404]);
    const stored = await request(variant().app).get(`${EVENTS}('${id}')`).expect(200);
    expect(stored.body.roleName).to.equal(SEED_EVENT.roleName);
  });

  it('keeps every single request sent while groups that then roll back are open (none lands inside a group)', async () => {
    const rows = await variant().countEvents();
    const failing = () => batch([
      ...Array.from({ length: 9 }, (_, index) => create(String(index), 'g', marked('concurrent-group'))), create('bad', 'g', { ...SEED_EVENT, userId: 42 }),
    ]);
    const sent = [];
    for (let round = 0; round < 4; round += 1) {
      sent.push(failing());
      for (let single = 0; single < 6; single += 1) sent.push(request(variant().app).post(EVENTS).send(marked('concurrent-single')));
    }
    const answers = await Promise.all(sent);
    const groups = answers.filter((_, index) => index % 7 === 0);
    const singles = answers.filter((_, index) => index % 7 !== 0);
    for (const group of groups) expect((group.body.responses as Inner[]).map((inner) => inner.status)).to.deep.equal([...Array(9).fill(424), 400]);
    expect(singles.map((single) => single.status)).to.deep.equal(Array(24).fill(201));
    expect([await rowsMarked('concurrent-single'), await rowsMarked('concurrent-group')]).to.deep.equal([24, 0]);
    expect(await variant().countEvents()).to.equal(rows + 24);
  });

  if (engine === 'postgres') {
    it('rolls back a group still open after BATCH_TRANSACTION_TIMEOUT_MS: 503 with Retry-After for each request, nothing applied', async function () {
      const slow = await startTestGateway({ engine, skip: () => this.skip(), directory: variant.directory, env: { CSDL_FILE: writeVariantCsdl(variant.directory, MUTABLE), BATCH_TRANSACTION_TIMEOUT_MS: '300' } });
      const database = slow.config.database as { url: string; schema: string };
      const { Client } = require('pg') as { Client: new (config: object) => { connect(): Promise<void>; query(sql: string, params?: unknown[]): Promise<unknown>; end(): Promise<void> } };
      const locker = new Client({ connectionString: database.url });
      try {
        const id = (await request(slow.app).post(EVENTS).send(marked('locked')).expect(201)).body.id as string;
        await locker.connect();
        await locker.query('BEGIN');
        await locker.query(`SELECT 1 FROM "${database.schema}"."privilegedOperationEvents" WHERE id = $1 FOR UPDATE`, [id]);
        const answer = request(slow.app).post(BATCH).send({ requests: [
          create('new', 'g', marked('timed-out')),
          { id: 'patch', method: 'PATCH', url: `/privilegedOperationEvents('${id}')`, headers: JSON_HEADERS, body: { roleName: 'Never' }, atomicityGroup: 'g' },
        ] }).then((response) => response);
        await new Promise((resolve) => setTimeout(resolve, 800));
        await locker.query('COMMIT');
        const responses = (await answer).body.responses as Inner[];
        expect(responses.map((inner) => [inner.status, inner.body!.error!.code, inner.headers['Retry-After']])).to.deep.equal([
          [503, 'serviceNotAvailable', '5'], [503, 'serviceNotAvailable', '5']]);
        expect(responses[0]!.body!.error!.message).to.match(/still open after 300 ms/);
        const stored = await request(slow.app).get(`${EVENTS}('${id}')`).expect(200);
        expect(stored.body.roleName).to.equal(SEED_EVENT.roleName);
        const count = await request(slow.app).get(`${EVENTS}?$filter=userName eq 'timed-out'&$count=true&$top=0`).expect(200);
        expect(count.body['@odata.count']).to.equal(0);
      } finally {
        await locker.end();
        await slow.dispose();
      }
    });
  }

  describe('refuses a malformed group whole, writing nothing', () => {
    let rows: number;
    beforeEach(async () => { rows = await variant().countEvents(); });
    afterEach(async () => { expect(await variant().countEvents(), 'rows after the refused batch').to.equal(rows); });
    const malformed: [string, unknown[]][] = [
      ['members that are not adjacent', [create('1', 'g'), create('2', undefined), create('3', 'g')]],
      ['members of one group split by another group', [create('1', 'g'), create('2', 'h'), create('3', 'G')]],
      ['a group named like a request id', [create('1', 'x'), create('x', undefined)]],
      ['a request id named like an earlier group (without case)', [create('1', 'g'), create('G', undefined)]],
      ['a group named like its own request', [create('1', '1')]],
      ['dependsOn naming an unknown group', [create('1', 'g'), create('2', undefined, SEED_EVENT, { dependsOn: ['h'] })]],
      ['dependsOn naming a later group', [create('1', undefined, SEED_EVENT, { dependsOn: ['g'] }), create('2', 'g')]],
      ['dependsOn naming the request\'s own group', [create('1', 'g'), create('2', 'g', SEED_EVENT, { dependsOn: ['g'] })]],
      ['dependsOn naming a request of another group but not that group', [create('1', 'g'), create('2', undefined, SEED_EVENT, { dependsOn: ['1'] })]],
      ['a group name that is not a request-id', [create('1', 'a b')]],
      ['an empty group name', [create('1', '')]],
      ['a group name that is not a string', [create('1', undefined, SEED_EVENT, { atomicityGroup: 7 })]],
    ];
    for (const [name, requests] of malformed) {
      it(`answers 400 to ${name}`, async () => {
        expectGraphError(await batch(requests), 400, 'badRequest');
      });
    }
  });
});
