// Generated $batch bodies with atomicity groups: each request answers as the model says (a failed group: its failing
// request's own status, 424 for the others; 424 after a failed dependency, a group's own included), and the rows
// written are exactly the creates of the committed groups and of the successful requests outside groups.
import { expect } from 'chai';
import fc from 'fast-check';
import request from 'supertest';
import { runSettings, timeoutFor } from '../support/fast-check-settings';
import { EVENTS, SEED_EVENT, startTestGateway, TEST_ENGINES, type TestGateway } from '../support/test-gateway';

const JSON_HEADERS = { 'Content-Type': 'application/json' };

interface Template { readonly request: Record<string, unknown>; readonly status: number }

const templates = (existing: string): Template[] => [
  { request: { method: 'POST', url: '/privilegedOperationEvents', headers: JSON_HEADERS, body: SEED_EVENT }, status: 201 },
  { request: { method: 'POST', url: '/privilegedOperationEvents', headers: JSON_HEADERS, body: SEED_EVENT }, status: 201 },
  { request: { method: 'POST', url: 'privilegedOperationEvents', headers: JSON_HEADERS, body: { userId: 7 } }, status: 400 },
  { request: { method: 'GET', url: `/privilegedOperationEvents('${existing}')` }, status: 200 },
  { request: { method: 'GET', url: "/privilegedOperationEvents('missing')" }, status: 404 },
  { request: { method: 'GET', url: '/privilegedOperationEvents/$count' }, status: 200 },
  { request: { method: 'DELETE', url: `/privilegedOperationEvents('${existing}')` }, status: 405 },
];

interface StepPlan {
  readonly template: number;
  readonly dependsOn: readonly number[];
  /** In a group; `split`: starts a new group even when the step before is in one. */
  readonly grouped: boolean;
  readonly split: boolean;
}

const plans = fc.array(fc.record({
  template: fc.nat({ max: 6 }), dependsOn: fc.uniqueArray(fc.nat({ max: 19 }), { maxLength: 2 }), grouped: fc.boolean(), split: fc.boolean(),
}), { minLength: 1, maxLength: 20 });

interface Built { readonly requests: Record<string, unknown>[]; readonly statuses: number[]; readonly rows: number }

/** Group of each step (undefined: none), in the order of the steps. */
function groupsOf(plan: readonly StepPlan[]): (string | undefined)[] {
  let count = 0;
  return plan.map((step, index) => {
    if (!step.grouped) return undefined;
    if (index === 0 || !plan[index - 1]!.grouped || step.split) count += 1;
    return `group-${count}`;
  });
}

function build(plan: readonly StepPlan[], pool: readonly Template[]): Built {
  const groups = groupsOf(plan);
  const targets = (index: number) => [...new Set(plan[index]!.dependsOn.filter((target) => target < index))];
  const requests = plan.map((step, index) => {
    // A dependency on a request of another group names that group too (OData JSON 4.01 §19.1).
    const names = targets(index).flatMap((target) => [`step-${target}`, ...(groups[target] !== undefined && groups[target] !== groups[index] ? [groups[target]!] : [])]);
    return {
      id: `step-${index}`, ...pool[step.template]!.request, ...(groups[index] ? { atomicityGroup: groups[index] } : {}),
      ...(names.length > 0 ? { dependsOn: [...new Set(names)] } : {}),
    };
  });
  const statuses: number[] = [];
  let rows = 0;
  for (let start = 0; start < plan.length;) {
    let end = start + 1;
    while (groups[start] !== undefined && end < plan.length && groups[end] === groups[start]) end += 1;
    const members = Array.from({ length: end - start }, (_, offset) => start + offset);
    const blocked = members.some((index) => targets(index).some((target) => target < start && statuses[target]! >= 400));
    const own = members.map((index) => pool[plan[index]!.template]!.status);
    const failing = groups[start] === undefined ? -1 : own.findIndex((status) => status >= 400);
    members.forEach((_, offset) => {
      const status = blocked ? 424 : failing >= 0 ? (offset === failing ? own[offset]! : 424) : own[offset]!;
      statuses.push(status);
      if (status === 201) rows += 1;
    });
    start = end;
  }
  return { requests, statuses, rows };
}

for (const engine of TEST_ENGINES) describe(`generated $batch bodies with atomicity groups on ${engine}`, function () {
  this.timeout(timeoutFor(30, 60_000));
  let gateway: TestGateway;
  let pool: Template[];
  before(async function () {
    gateway = await startTestGateway({ engine, skip: () => this.skip() });
    pool = templates((await request(gateway.app).post(EVENTS).send(SEED_EVENT).expect(201)).body.id);
  });
  after(async () => { await gateway?.dispose(); });

  it('answers each request as the model says and writes exactly the creates of what committed', async () => {
    await fc.assert(fc.asyncProperty(plans, async (plan) => {
      const { requests, statuses, rows } = build(plan, pool);
      const before = await gateway.countEvents();
      const response = await request(gateway.app).post('/beta/$batch').send({ requests });
      expect(response.status, JSON.stringify(response.body)).to.equal(200);
      const answered = response.body.responses as { id: string; status: number; atomicityGroup?: string }[];
      expect(answered.map((inner) => inner.status)).to.deep.equal(statuses);
      expect(answered.map((inner) => inner.atomicityGroup)).to.deep.equal(requests.map((sent) => sent.atomicityGroup));
      expect(await gateway.countEvents() - before).to.equal(rows);
    }), runSettings(30));
  });
});
