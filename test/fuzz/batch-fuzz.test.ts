// Generated $batch bodies: a well-formed batch answers each request as the model of its steps says (424 after a failed
// dependency) and writes exactly its successful creates; the same batch broken in one way is one 400 that writes nothing.
import { expect } from 'chai';
import fc from 'fast-check';
import request from 'supertest';
import { runSettings, timeoutFor } from '../support/fast-check-settings';
import { EVENTS, SEED_EVENT, startTestGateway, TEST_ENGINES, type TestGateway } from '../support/test-gateway';

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** A request of a batch and what it answers alone. */
interface Template { readonly request: Record<string, unknown>; readonly status: number }

const templates = (existing: string): Template[] => [
  { request: { method: 'POST', url: '/privilegedOperationEvents', headers: JSON_HEADERS, body: SEED_EVENT }, status: 201 },
  { request: { method: 'POST', url: 'privilegedOperationEvents', headers: JSON_HEADERS, body: { userId: 7 } }, status: 400 },
  { request: { method: 'POST', url: '/privilegedOperationEvents', headers: { 'Content-Type': 'text/plain' }, body: 'e30=' }, status: 415 },
  { request: { method: 'GET', url: `/privilegedOperationEvents('${existing}')` }, status: 200 },
  { request: { method: 'get', url: "/privilegedOperationEvents('missing')" }, status: 404 },
  { request: { method: 'GET', url: "/privilegedOperationEvents?$filter=userName%20eq%20'Admin%20Name'&$top=2" }, status: 200 },
  { request: { method: 'GET', url: '/privilegedOperationEvents?$filter=nope%20eq%201' }, status: 400 },
  { request: { method: 'DELETE', url: `/privilegedOperationEvents('${existing}')` }, status: 405 },
  { request: { method: 'GET', url: '/privilegedOperationEvents/$count' }, status: 200 },
];

interface StepPlan { readonly template: number; readonly dependsOn: readonly number[]; readonly upper: boolean }

const plans = fc.array(fc.record({
  template: fc.nat({ max: 8 }), dependsOn: fc.uniqueArray(fc.nat({ max: 19 }), { maxLength: 3 }), upper: fc.boolean(),
}), { minLength: 1, maxLength: 20 });

function build(plan: readonly StepPlan[], pool: readonly Template[]) {
  const requests = plan.map((step, index) => ({
    id: step.upper ? `Step-${index}` : `step-${index}`, ...pool[step.template]!.request,
    ...(step.dependsOn.some((target) => target < index)
      ? { dependsOn: [...new Set(step.dependsOn.filter((target) => target < index))].map((target) => `step-${target}`) } : {}),
  }));
  const statuses: number[] = [];
  plan.forEach((step, index) => {
    const failed = step.dependsOn.filter((target) => target < index).some((target) => statuses[target]! >= 400);
    statuses.push(failed ? 424 : pool[step.template]!.status);
  });
  return { requests, statuses };
}

type Batch = { requests: Record<string, unknown>[] };
/** One way to break a well-formed batch; each must be refused whole. */
const BREAKS: readonly ((batch: Batch) => unknown)[] = [
  (batch) => ({ requests: [...batch.requests, { ...batch.requests[0], id: String(batch.requests[0]!.id).toUpperCase() }] }),
  (batch) => ({ requests: batch.requests.map((item, index) => (index === 0 ? { ...item, dependsOn: [`step-${batch.requests.length}`] } : item)).concat([{ id: `step-${batch.requests.length}`, method: 'GET', url: '/' }]) }),
  (batch) => ({ requests: [...batch.requests, { id: 'x', method: 'TRACE', url: '/' }] }),
  (batch) => ({ requests: [...batch.requests, { id: 'x', method: 'GET', url: 'https://elsewhere.example/beta/privilegedOperationEvents' }] }),
  (batch) => ({ requests: [...batch.requests, { id: 'x', method: 'GET', url: '/../healthz' }] }),
  (batch) => ({ requests: [...batch.requests, { id: 'x', method: 'GET', url: '/$batch' }] }),
  (batch) => ({ requests: [...batch.requests, { id: 'x', method: 'GET' }] }),
  (batch) => ({ requests: [...batch.requests, { id: 'x', method: 'POST', url: '/privilegedOperationEvents', body: {} }] }),
  (batch) => ({ requests: [...batch.requests, { id: 'x', method: 'GET', url: '/', headers: { 'X-Number': 1 } }] }),
  // Atomicity groups (OData JSON 4.01 §19.1): members not adjacent; a group named like a request id; dependsOn naming a
  // request of another group without that group.
  (batch) => ({ requests: [...batch.requests, { id: 'x1', method: 'GET', url: '/', atomicityGroup: 'grp' }, { id: 'x2', method: 'GET', url: '/' }, { id: 'x3', method: 'GET', url: '/', atomicityGroup: 'grp' }] }),
  (batch) => ({ requests: [...batch.requests, { id: 'x', method: 'GET', url: '/', atomicityGroup: String(batch.requests[0]!.id) }] }),
  (batch) => ({ requests: [...batch.requests, { id: 'x1', method: 'GET', url: '/', atomicityGroup: 'grp' }, { id: 'x2', method: 'GET', url: '/', dependsOn: ['x1'] }] }),
  (batch) => ({ requests: [...batch.requests, ...Array.from({ length: 21 }, (_, index) => ({ id: `more-${index}`, method: 'GET', url: '/' }))] }),
  (batch) => ({ ...batch, extra: 1 }),
  (batch) => batch.requests,
];

for (const engine of TEST_ENGINES) describe(`generated $batch bodies on ${engine}`, function () {
  this.timeout(timeoutFor(25, 60_000));
  let gateway: TestGateway;
  let pool: Template[];
  before(async function () {
    gateway = await startTestGateway({ engine, skip: () => this.skip() });
    pool = templates((await request(gateway.app).post(EVENTS).send(SEED_EVENT).expect(201)).body.id);
  });
  after(async () => { await gateway?.dispose(); });

  it('answers every request of a well-formed batch as its model says, writing exactly its successful creates', async () => {
    await fc.assert(fc.asyncProperty(plans, async (plan) => {
      const { requests, statuses } = build(plan, pool);
      const rows = await gateway.countEvents();
      const response = await request(gateway.app).post('/beta/$batch').send({ requests });
      expect(response.status).to.equal(200);
      expect((response.body.responses as { status: number }[]).map((inner) => inner.status)).to.deep.equal(statuses);
      expect(await gateway.countEvents() - rows).to.equal(statuses.filter((status) => status === 201).length);
    }), runSettings(25));
  });

  it('refuses a well-formed batch broken in one way with one 400, writing nothing', async () => {
    await fc.assert(fc.asyncProperty(plans, fc.nat({ max: BREAKS.length - 1 }), async (plan, breakIndex) => {
      const broken = BREAKS[breakIndex]!(build(plan, pool));
      const rows = await gateway.countEvents();
      const response = await request(gateway.app).post('/beta/$batch').send(broken as object);
      expect(response.status, JSON.stringify(response.body)).to.equal(400);
      expect(response.body.error.code).to.equal('badRequest');
      expect(await gateway.countEvents()).to.equal(rows);
    }), runSettings(25));
  });
});
