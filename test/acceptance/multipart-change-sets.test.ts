// Multipart change sets on a set that allows PATCH and DELETE: a $<Content-ID> reference updates the entity created
// earlier in the change set; a failure rolls back the creates, updates and deletes before it; a change set still open
// after BATCH_TRANSACTION_TIMEOUT_MS (a row lock held elsewhere, PostgreSQL) answers 503 and applies nothing.
import { expect } from 'chai';
import request from 'supertest';
import { withoutChangeTracking } from '../metadata/csdl-variants';
import { batchBody, isChangeSet, jsonOf, readAnswer, sendMultipart, type AnswerPart, type HttpAnswer } from '../support/multipart-batch';
import { EVENTS, SEED_EVENT, startTestGateway, TEST_ENGINES, useVariantGateway, writeVariantCsdl, type TestGateway } from '../support/test-gateway';

/** PATCH and DELETE allowed (a deletable set is not change-tracked, src/delta/README.md). */
const MUTABLE = (xml: string) => withoutChangeTracking(xml)
  .replace('<PropertyValue Property="Updatable" Bool="false"/>', '<PropertyValue Property="Updatable" Bool="true"/>')
  .replace('<PropertyValue Property="Deletable" Bool="false"/>', '<PropertyValue Property="Deletable" Bool="true"/>');
const JSON_HEADERS = { 'Content-Type': 'application/json' };
const create = (contentId: string, body: unknown = SEED_EVENT) => ({ method: 'POST', url: 'privilegedOperationEvents', headers: JSON_HEADERS, body: JSON.stringify(body), contentId });
const patch = (contentId: string, url: string, body: unknown) => ({ method: 'PATCH', url, headers: JSON_HEADERS, body: JSON.stringify(body), contentId });

async function answer(gateway: TestGateway, parts: Parameters<typeof batchBody>[0]): Promise<AnswerPart[]> {
  const response = await sendMultipart(gateway.app, batchBody(parts));
  expect(response.status, response.body.toString()).to.equal(200);
  return readAnswer(response.headers['content-type'], response.body);
}
const single = (part: AnswerPart | undefined): HttpAnswer => {
  if (part === undefined || isChangeSet(part)) throw new Error('expected an application/http part');
  return part;
};

for (const engine of TEST_ENGINES) describe(`multipart change sets with PATCH and DELETE on ${engine}`, () => {
  const variant = useVariantGateway(engine, MUTABLE);

  it('creates an entity and updates it through $<Content-ID> in one change set', async () => {
    const [changeSet] = await answer(variant(), [{ changeSet: [create('new'), patch('update', '$new', { roleName: 'Patched' })] }]);
    if (changeSet === undefined || !isChangeSet(changeSet)) throw new Error('expected a change set answer');
    expect(changeSet.changeSet.map((inner) => [inner.contentId, inner.status])).to.deep.equal([['new', 201], ['update', 204]]);
    const id = String(jsonOf(changeSet.changeSet[0]!).id);
    expect((await request(variant().app).get(`${EVENTS}('${id}')`).expect(200)).body.roleName).to.equal('Patched');
  });

  it('rolls back the create, the update and the delete before a failing request of the change set', async () => {
    const existing = (await request(variant().app).post(EVENTS).send(SEED_EVENT).expect(201)).body.id as string;
    const rows = await variant().countEvents();
    const [failed] = await answer(variant(), [{ changeSet: [
      create('1'), patch('2', `privilegedOperationEvents('${existing}')`, { roleName: 'Changed' }),
      { method: 'DELETE', url: `privilegedOperationEvents('${existing}')`, contentId: '3' }, create('4', { userId: 42 }),
    ] }]);
    expect([single(failed).contentId, single(failed).status]).to.deep.equal(['4', 400]);
    expect(await variant().countEvents()).to.equal(rows);
    expect((await request(variant().app).get(`${EVENTS}('${existing}')`).expect(200)).body.roleName).to.equal(SEED_EVENT.roleName);
  });

  if (engine === 'postgres') {
    it('answers 503 with Retry-After for a change set still open after BATCH_TRANSACTION_TIMEOUT_MS, applying nothing', async function () {
      const slow = await startTestGateway({ engine, skip: () => this.skip(), env: { CSDL_FILE: writeVariantCsdl(variant.directory, MUTABLE), BATCH_TRANSACTION_TIMEOUT_MS: '300' } });
      const database = slow.config.database as { url: string; schema: string };
      const { Client } = require('pg') as { Client: new (config: object) => { connect(): Promise<void>; query(sql: string, params?: unknown[]): Promise<unknown>; end(): Promise<void> } };
      const locker = new Client({ connectionString: database.url });
      try {
        const id = (await request(slow.app).post(EVENTS).send(SEED_EVENT).expect(201)).body.id as string;
        const rows = await slow.countEvents();
        await locker.connect();
        await locker.query('BEGIN');
        await locker.query(`SELECT 1 FROM "${database.schema}"."privilegedOperationEvents" WHERE id = $1 FOR UPDATE`, [id]);
        const pending = answer(slow, [{ changeSet: [create('1'), patch('2', `privilegedOperationEvents('${id}')`, { roleName: 'Never' })] }]);
        await new Promise((resolve) => setTimeout(resolve, 800));
        await locker.query('COMMIT');
        const timedOut = single((await pending)[0]);
        expect([timedOut.status, timedOut.headers['retry-after'], (jsonOf(timedOut).error as { code: string }).code]).to.deep.equal([503, '5', 'serviceNotAvailable']);
        expect(await slow.countEvents()).to.equal(rows);
        expect((await request(slow.app).get(`${EVENTS}('${id}')`).expect(200)).body.roleName).to.equal(SEED_EVENT.roleName);
      } finally {
        await locker.end();
        await slow.dispose();
      }
    });
  }
});
