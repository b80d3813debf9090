// `npm run bench:odata-server`: what odata-v4-server itself costs per create, apart from HTTP, Express and the database.
// The gateway's own adapter (src/odata/odata-server-adapter.ts, the one file that imports odata-v4-server) runs
// POST on the shipped CSDL with the bench's create body, validated as the gateway validates it, against an in-memory
// `create` that returns the stored row at once; the control runs the same validation and the same `create` without
// odata-v4-server. The difference of the two, in CPU µs per create, is odata-v4-server's share (its request building,
// URL parsing, controller dispatch and result conversion), the part of a create that stays while creation runs on it.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { readCsdl } from '../src/model/read-csdl';
import { createODataServerAdapter, type EntityRecord } from '../src/odata/odata-server-adapter';
import { createPayloadValidator } from '../src/odata/payload-validator';
import { CREATE_BODY } from './workloads';

const CALLS = 4000;
const REPEATS = 7;
const SERVICE_ROOT = 'http://127.0.0.1:8080/beta';

async function main(): Promise<void> {
  const model = readCsdl(resolve(__dirname, '../../metadata/graph-beta.xml'));
  const entitySet = model.entitySets[0]!;
  const validator = createPayloadValidator(entitySet);
  // The row the store hands back after an INSERT: every property, the computed ones filled in.
  const create = async (_set: unknown, values: EntityRecord): Promise<EntityRecord> => ({ ...values, id: randomUUID() });
  const adapter = createODataServerAdapter(model, { create });
  const variants = {
    'odata-v4-server (adapter.create)': () => adapter.create(entitySet, validator.forCreate(JSON.parse(CREATE_BODY)), SERVICE_ROOT),
    'control (same validation and create, no odata-v4-server)': () => create(entitySet, validator.forCreate(JSON.parse(CREATE_BODY))),
  };
  const sample = await adapter.create(entitySet, validator.forCreate(JSON.parse(CREATE_BODY)), SERVICE_ROOT);
  if (!sample.body['@odata.context'] || typeof sample.body.id !== 'string') throw new Error(`unexpected result: ${JSON.stringify(sample.body)}`);
  const perCall = new Map<string, number[]>(Object.keys(variants).map((name) => [name, []]));
  for (const run of Object.values(variants)) await loop(run, CALLS); // warm-up: V8 tiers both up before timing
  for (let repeat = 0; repeat < REPEATS; repeat += 1) {
    const order = repeat % 2 === 0 ? Object.entries(variants) : Object.entries(variants).reverse();
    for (const [name, run] of order) perCall.get(name)!.push(await loop(run, CALLS));
  }
  const [server, control] = [...perCall.values()].map(median) as [number, number];
  console.log(`# odata-v4-server's share of a create (${REPEATS} repeats of ${CALLS} calls, median CPU µs per call, all threads)\n`);
  console.log('| variant | CPU µs/create |\n|---|---:|');
  for (const [name, values] of perCall) console.log(`| ${name} | ${median(values).toFixed(1)} |`);
  console.log(`| **odata-v4-server's share** (difference) | **${(server - control).toFixed(1)}** |`);
}

/** CPU µs per call (user + system of the process) over `calls` sequential calls. */
async function loop(run: () => Promise<unknown>, calls: number): Promise<number> {
  const start = process.cpuUsage();
  for (let index = 0; index < calls; index += 1) await run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / calls;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
