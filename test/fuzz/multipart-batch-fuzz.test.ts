// Generated multipart batch bodies: a well-formed batch answers as the model of its parts says (in order, change sets
// all or nothing, stopping at the first failure unless continue-on-error) and writes exactly what it reports; the same
// batch broken in one structural way is one 400 that writes nothing; any byte-level damage never gets a 5xx (outer or
// inner) nor a write that the answer does not report.
import { expect } from 'chai';
import fc from 'fast-check';
import request from 'supertest';
import { runSettings, timeoutFor } from '../support/fast-check-settings';
import { batchBody, isChangeSet, readAnswer, sendMultipart, type AnswerPart, type BatchPart, type PartRequest } from '../support/multipart-batch';
import { EVENTS, SEED_EVENT, startTestGateway, TEST_ENGINES, type TestGateway } from '../support/test-gateway';

const JSON_HEADERS = { 'Content-Type': 'application/json' };
interface Template { readonly request: Omit<PartRequest, 'contentId'>; readonly status: number }

const singles = (existing: string): Template[] => [
  { request: { method: 'GET', url: `privilegedOperationEvents('${existing}')` }, status: 200 },
  { request: { method: 'GET', url: "/privilegedOperationEvents('missing')" }, status: 404 },
  { request: { method: 'GET', url: 'privilegedOperationEvents/$count' }, status: 200 },
  { request: { method: 'POST', url: 'privilegedOperationEvents', headers: JSON_HEADERS, body: JSON.stringify(SEED_EVENT) }, status: 201 },
  { request: { method: 'POST', url: '/privilegedOperationEvents', headers: JSON_HEADERS, body: '{"userId":7}' }, status: 400 },
];
const CREATES: readonly Template[] = [
  { request: { method: 'POST', url: 'privilegedOperationEvents', headers: JSON_HEADERS, body: JSON.stringify(SEED_EVENT) }, status: 201 },
  { request: { method: 'POST', url: 'privilegedOperationEvents', headers: JSON_HEADERS, body: '{"userName":5}' }, status: 400 },
];

type ItemPlan = { readonly single: number } | { readonly changeSet: readonly number[] };
const plans = fc.record({
  items: fc.array(fc.oneof(fc.record({ single: fc.nat({ max: 4 }) }), fc.record({ changeSet: fc.array(fc.nat({ max: 1 }), { minLength: 1, maxLength: 4 }) })), { minLength: 1, maxLength: 6 }),
  continueOnError: fc.boolean(),
});

/** The batch, and the statuses the model expects per answered part (a change set's list, or its one failure). */
function build(items: readonly ItemPlan[], pool: readonly Template[], continueOnError: boolean) {
  let id = 0;
  const parts: BatchPart[] = items.map((item) => ('single' in item
    ? { ...pool[item.single]!.request, contentId: `r${id++}` }
    : { changeSet: item.changeSet.map((index) => ({ ...CREATES[index]!.request, contentId: `r${id++}` })) }));
  const expected: (number | number[])[] = [];
  let writes = 0;
  for (const item of items) {
    const statuses = 'single' in item ? [pool[item.single]!.status] : item.changeSet.map((index) => CREATES[index]!.status);
    const failure = statuses.find((status) => status >= 400);
    expected.push('single' in item ? statuses[0]! : failure ?? statuses);
    if (failure === undefined) writes += statuses.filter((status) => status === 201).length;
    else if (!continueOnError) break;
  }
  return { parts, expected, writes };
}

const statusesOf = (parts: readonly AnswerPart[]) => parts.map((part) => (isChangeSet(part) ? part.changeSet.map((inner) => inner.status) : part.status));
const created = (parts: readonly AnswerPart[]) => parts.flatMap((part) => (isChangeSet(part) ? part.changeSet : [part])).filter((part) => part.status === 201).length;

/** One structural way to break a well-formed batch; each must be refused whole. */
const BREAKS: readonly ((parts: BatchPart[]) => Buffer)[] = [
  (parts) => batchBody(parts).subarray(0, -4),
  (parts) => batchBody([...parts, { changeSet: [{ method: 'GET', url: 'privilegedOperationEvents', contentId: 'g' }] }]),
  (parts) => batchBody([...parts, { method: 'TRACE', url: 'privilegedOperationEvents' }]),
  (parts) => batchBody([...parts, { method: 'GET', url: 'https://elsewhere.example/beta/privilegedOperationEvents' }]),
  (parts) => batchBody([...parts, { method: 'GET', url: '$batch' }]),
  (parts) => batchBody([...parts, { ...CREATES[0]!.request, contentId: 'r0' }]),
  (parts) => batchBody([...parts, { changeSet: [{ ...CREATES[0]!.request }] }]),
  (parts) => batchBody([...parts, ...Array.from({ length: 21 }, () => ({ method: 'GET', url: '/' }))]),
  (parts) => Buffer.from(batchBody(parts).toString('latin1').replace(/Content-Type: application\/http/, 'Content-Type: text/plain'), 'latin1'),
  (parts) => Buffer.from(batchBody(parts).toString('latin1').replace(/(GET|POST) \S+ HTTP\/1\.1/, '$1 HTTP/1.1'), 'latin1'),
  (parts) => Buffer.concat([batchBody(parts).subarray(0, -14), Buffer.from('--batch_b1\r\nContent-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\n'
    + 'Content-Type: multipart/mixed; boundary=i\r\n\r\n--i\r\nContent-Type: application/http\r\nContent-ID: n\r\n\r\nPOST privilegedOperationEvents HTTP/1.1\r\n\r\n--i--\r\n--o--\r\n--batch_b1--\r\n')]),
];

/** Byte-level damage: a cut, a changed byte, inserted bytes, a removed span. */
const damage = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.oneof(fc.uint8Array({ maxLength: 8 }), fc.constantFrom(...['\r\n', '--', '--batch_b1', '\r\n--batch_b1--\r\n', 'Content-Type: multipart/mixed; boundary=batch_b1\r\n\r\n'].map((text) => new Uint8Array(Buffer.from(text))))) }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 40 }) }),
);
type Damage = typeof damage extends fc.Arbitrary<infer T> ? T : never;

function damaged(body: Buffer, hits: readonly Damage[]): Buffer {
  return hits.reduce((bytes, hit) => {
    const at = Math.floor(hit.at * bytes.length);
    if (hit.kind === 'cut') return bytes.subarray(0, at);
    if (hit.kind === 'set') return Buffer.concat([bytes.subarray(0, at), Buffer.from([hit.byte]), bytes.subarray(at + 1)]);
    if (hit.kind === 'insert') return Buffer.concat([bytes.subarray(0, at), Buffer.from(hit.bytes), bytes.subarray(at)]);
    return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + hit.length)]);
  }, body);
}

for (const engine of TEST_ENGINES) describe(`generated multipart $batch bodies on ${engine}`, function () {
  this.timeout(timeoutFor(25, 90_000));
  let gateway: TestGateway;
  let pool: Template[];
  before(async function () {
    gateway = await startTestGateway({ engine, skip: () => this.skip() });
    pool = singles((await request(gateway.app).post(EVENTS).send(SEED_EVENT).expect(201)).body.id);
  });
  after(async () => { await gateway?.dispose(); });

  it('answers a well-formed batch as its model says, writing exactly what the model says', async () => {
    await fc.assert(fc.asyncProperty(plans, async ({ items, continueOnError }) => {
      const { parts, expected, writes } = build(items, pool, continueOnError);
      const rows = await gateway.countEvents();
      const response = await sendMultipart(gateway.app, batchBody(parts), continueOnError ? { Prefer: 'continue-on-error' } : {});
      expect(response.status, String(response.body)).to.equal(200);
      expect(statusesOf(readAnswer(response.headers['content-type'], response.body))).to.deep.equal(expected);
      expect(await gateway.countEvents() - rows).to.equal(writes);
    }), runSettings(25));
  });

  it('refuses a well-formed batch broken in one structural way with one 400, writing nothing', async () => {
    await fc.assert(fc.asyncProperty(plans, fc.nat({ max: BREAKS.length - 1 }), async ({ items }, breakIndex) => {
      const body = BREAKS[breakIndex]!(build(items, pool, true).parts as BatchPart[]);
      const rows = await gateway.countEvents();
      const response = await sendMultipart(gateway.app, body);
      const answer = JSON.parse(response.body.toString() || '{}') as { error?: { code?: string } };
      expect(response.status, `break ${breakIndex}: ${response.body.toString()}`).to.equal(400);
      expect(answer.error?.code).to.equal('badRequest');
      expect(await gateway.countEvents()).to.equal(rows);
    }), runSettings(40));
  });

  it('never answers damaged bytes with a 5xx, nor writes anything its answer does not report', async () => {
    await fc.assert(fc.asyncProperty(plans, fc.array(damage, { minLength: 1, maxLength: 3 }), async ({ items, continueOnError }, hits) => {
      const body = damaged(batchBody(build(items, pool, continueOnError).parts), hits);
      const rows = await gateway.countEvents();
      const response = await sendMultipart(gateway.app, body, continueOnError ? { Prefer: 'continue-on-error' } : {});
      expect(response.status, response.body.toString()).to.be.oneOf([200, 400]);
      const reported = response.status === 200 ? readAnswer(response.headers['content-type'], response.body) : [];
      expect(statusesOf(reported).flat().every((status) => status < 500), 'no inner 5xx').to.equal(true);
      expect(await gateway.countEvents() - rows).to.equal(created(reported));
    }), runSettings(60));
  });
});
