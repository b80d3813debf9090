// One table size: seeded copies for both servers, a probe of every workload, then interleaved, repeated measured runs.
import type { BenchAuthorization } from './bench-authorization';
import type { BenchOptions, SizePlan } from './bench-options';
import { startBaseline, startGateway } from './launch-servers';
import { errorsOf, measureRun, warmUp, type RunMeasurement } from './load-run';
import { prepareDeltaRound } from './delta-round';
import { probeWorkload, type WorkloadProbe } from './probe-workloads';
import { rssMB } from './process-stats';
import { copySeed, mirrorIndexes, seedTable, type SeededTable, type TableLayout } from './seed-table';
import type { ServerProcess } from './server-process';
import { createWorkloads, type Workload } from './workloads';

export interface BenchContext {
  readonly options: BenchOptions;
  readonly layout: TableLayout;
  readonly cacheDir: string;
  readonly workDir: string;
  readonly logDir: string;
  readonly auth: BenchAuthorization;
  readonly print: (line: string) => void;
}

export interface Measurement extends RunMeasurement {
  readonly rows: number;
  readonly repeat: number;
}

export interface SizeResult {
  readonly rows: number;
  readonly seed: SeededTable;
  /** Index DDL of the table both servers use (as the gateway created it). */
  readonly indexes: readonly string[];
  readonly probes: readonly WorkloadProbe[];
  readonly rssAtRestMB: Readonly<Record<string, number>>;
  readonly measurements: readonly Measurement[];
}

const SETTLE_MS = 1000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runTableSize(context: BenchContext, plan: SizePlan): Promise<SizeResult> {
  const seed = seedTable(context.layout, plan.rows, context.cacheDir);
  context.print(`${plan.rows} rows: ${seed.reused ? 'cached' : `seeded in ${seed.seconds.toFixed(1)} s`} (${seed.file})`);
  const files = { gateway: copySeed(seed, context.workDir, 'gateway'), baseline: copySeed(seed, context.workDir, 'baseline') };
  const launch = (databaseFile: string) => ({ databaseFile, logDir: context.logDir, auth: context.auth, label: `-${plan.rows}` });
  const gateway = await startGateway(launch(files.gateway));
  let baseline: ServerProcess | undefined;
  try {
    const indexes = mirrorIndexes(files.gateway, files.baseline);
    context.print(`  indexes: ${indexes.length > 0 ? indexes.join('; ') : 'primary key only'}`);
    baseline = await startBaseline(launch(files.baseline));
    await pause(SETTLE_MS);
    const rssAtRestMB = { gateway: rssMB(gateway.pid), baseline: rssMB(baseline.pid) };
    const { probes, deltaPath } = await probeAll(context, plan, gateway, baseline);
    const available = selectWorkloads(context, plan, 42, deltaPath)
      .filter((workload) => probes.find((probe) => probe.workload === workload.name)?.available);
    const measurements = await measureAll(context, { ...plan, deltaPath }, available, [gateway, baseline]);
    return { rows: plan.rows, seed, indexes, probes, rssAtRestMB, measurements };
  } finally {
    await Promise.all([gateway.stop(), baseline?.stop()]);
  }
}

const WRITES = new Set(['post-create', 'batch-create-20']);

/** Reads first, POSTs last: the rows a POST run adds then never change what a measured read sees. */
function selectWorkloads(context: BenchContext, plan: SizePlan, seed = 42, deltaPath?: string): Workload[] {
  const wanted = context.options.workloads;
  const workloads = createWorkloads(plan.rows, seed, deltaPath).filter((workload) => (wanted.length === 0 || wanted.includes(workload.name))
    && (plan.workloads === undefined || plan.workloads.includes(workload.name)));
  return [...workloads.filter((workload) => !WRITES.has(workload.name)), ...workloads.filter((workload) => WRITES.has(workload.name))];
}

interface Side {
  readonly server: ServerProcess;
  readonly workload: () => Workload;
}

/**
 * The sides of a workload's pairs: the gateway and the baseline; for a batch workload the gateway with the batch
 * and the gateway with its single requests (reported as server `singles`, under the batch workload's name); for a
 * gateway-only workload (the delta round) the gateway alone (its reference is the gateway's collection call).
 */
function sidesOf(workload: Workload, plan: SizePlan & { readonly deltaPath?: string }, servers: readonly ServerProcess[]): Side[] {
  const fresh = (name: string) => () => createWorkloads(plan.rows, 42, plan.deltaPath).find((candidate) => candidate.name === name) ?? workload;
  const gateway = servers.find((server) => server.name === 'gateway')!;
  if (workload.gatewayOnly) return [{ server: gateway, workload: fresh(workload.name) }];
  if (!workload.batch) return servers.map((server) => ({ server, workload: fresh(workload.name) }));
  const singles = fresh(workload.batch.singles);
  return [
    { server: gateway, workload: fresh(workload.name) },
    { server: { ...gateway, name: 'singles' }, workload: () => ({ ...singles(), name: workload.name }) },
  ];
}

async function probeAll(
  context: BenchContext, plan: SizePlan, gateway: ServerProcess, baseline: ServerProcess,
): Promise<{ probes: WorkloadProbe[]; deltaPath?: string }> {
  const probes: WorkloadProbe[] = [];
  let deltaPath: string | undefined;
  const workloads = selectWorkloads(context, plan, 7);
  // The delta round's setup last: no other probe (the writes' included) may add an event after its link.
  for (const workload of [...workloads.filter((w) => !w.gatewayOnly), ...workloads.filter((w) => w.gatewayOnly)]) {
    let probe: WorkloadProbe;
    if (workload.gatewayOnly) {
      // The 50 events it creates never match the collection workloads' filters (no requestType, created now).
      const setup = await prepareDeltaRound(gateway, context.auth.header);
      deltaPath = setup.path;
      probe = { workload: workload.name, gatewayStatus: setup.status, baselineStatus: 0, available: setup.path !== undefined, difference: setup.problem };
    } else {
      probe = await probeWorkload(workload, gateway, baseline, context.auth.header);
    }
    probes.push(probe);
    const status = probe.available ? (workload.gatewayOnly ? 'measured (gateway only)' : 'measured')
      : probe.gatewayStatus === 501 ? 'not available (gateway answers 501)' : `gateway answers ${probe.gatewayStatus}`;
    context.print(`  probe ${workload.name.padEnd(24)} gateway ${probe.gatewayStatus}, baseline ${probe.baselineStatus}: ${status}`);
    if (probe.difference) context.print(`    ${workload.gatewayOnly ? '' : 'JSON differs: '}${probe.difference}`);
  }
  return { probes, deltaPath };
}

/**
 * Each workload in turn (POST last, so every read sees the same rows on both servers: the baseline inserts several
 * times more rows per POST run), each concurrency, then the repeats: the server that goes first alternates, so drift
 * on a noisy machine hits both alike, and the paired runs of a repeat are adjacent in time.
 */
async function measureAll(
  context: BenchContext, plan: SizePlan & { readonly deltaPath?: string }, workloads: readonly Workload[], servers: readonly ServerProcess[],
): Promise<Measurement[]> {
  const { repeats, durationSec, warmupSec } = context.options;
  const measurements: Measurement[] = [];
  for (const workload of workloads) {
    const sides = sidesOf(workload, plan, servers);
    for (const concurrency of plan.concurrencies) {
      for (let repeat = 1; repeat <= repeats; repeat += 1) {
        for (const { server, workload: fresh } of repeat % 2 === 1 ? sides : [...sides].reverse()) {
          const spec = { server, concurrency, authorization: context.auth.header };
          if (repeat === 1) await warmUp({ ...spec, workload: fresh(), seconds: warmupSec });
          const measured = await measureRun({ ...spec, workload: fresh(), seconds: durationSec });
          measurements.push({ ...measured, rows: plan.rows, repeat });
          context.print(describeRun(measured, repeat));
        }
      }
    }
  }
  return measurements;
}

function describeRun(run: RunMeasurement, repeat: number): string {
  const errors = errorsOf(run);
  return `  #${repeat} c=${String(run.concurrency).padEnd(3)}${run.workload.padEnd(24)}${run.server.padEnd(9)}`
    + `${run.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${run.p50Ms.toFixed(2)} ms  p99 ${run.p99Ms.toFixed(2)} ms  `
    + `${run.cpuMicrosPerRequest.toFixed(0)} µs CPU/req  rss ${run.rssPeakMB.toFixed(0)} MB  gen ${run.generatorCpuPercent.toFixed(0)}%`
    + `${errors > 0 ? `  ERRORS ${errors} ${JSON.stringify(run.statusCodes)}${run.innerNon2xx > 0 ? ` inner non-2xx ${run.innerNon2xx}` : ''}` : ''}`;
}
