// One table size: seeded copies for both servers, a probe of every workload, then interleaved, repeated measured runs.
import type { BenchAuthorization } from './bench-authorization';
import type { BenchOptions, SizePlan } from './bench-options';
import { startBaseline, startGateway } from './launch-servers';
import { measureRun, warmUp, type RunMeasurement } from './load-run';
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
    const probes = await probeAll(context, plan, gateway, baseline);
    const available = selectWorkloads(context, plan).filter((workload) => probes.find((probe) => probe.workload === workload.name)?.available);
    const measurements = await measureAll(context, plan, available, [gateway, baseline]);
    return { rows: plan.rows, seed, indexes, probes, rssAtRestMB, measurements };
  } finally {
    await Promise.all([gateway.stop(), baseline?.stop()]);
  }
}

/** Reads first, POST last: the rows a POST run adds then never change what a measured read sees. */
function selectWorkloads(context: BenchContext, plan: SizePlan, seed = 42): Workload[] {
  const wanted = context.options.workloads;
  const workloads = createWorkloads(plan.rows, seed).filter((workload) => (wanted.length === 0 || wanted.includes(workload.name))
    && (plan.workloads === undefined || plan.workloads.includes(workload.name)));
  return [...workloads.filter((workload) => workload.name !== 'post-create'), ...workloads.filter((workload) => workload.name === 'post-create')];
}

async function probeAll(context: BenchContext, plan: SizePlan, gateway: ServerProcess, baseline: ServerProcess): Promise<WorkloadProbe[]> {
  const probes: WorkloadProbe[] = [];
  for (const workload of selectWorkloads(context, plan, 7)) {
    const probe = await probeWorkload(workload, gateway, baseline, context.auth.header);
    probes.push(probe);
    const status = probe.available ? 'measured' : probe.gatewayStatus === 501 ? 'not available (gateway answers 501)' : `gateway answers ${probe.gatewayStatus}`;
    context.print(`  probe ${workload.name.padEnd(24)} gateway ${probe.gatewayStatus}, baseline ${probe.baselineStatus}: ${status}`);
    if (probe.difference) context.print(`    JSON differs: ${probe.difference}`);
  }
  return probes;
}

/**
 * Each workload in turn (POST last, so every read sees the same rows on both servers: the baseline inserts several
 * times more rows per POST run), each concurrency, then the repeats: the server that goes first alternates, so drift
 * on a noisy machine hits both alike, and the paired runs of a repeat are adjacent in time.
 */
async function measureAll(
  context: BenchContext, plan: SizePlan, workloads: readonly Workload[], servers: readonly ServerProcess[],
): Promise<Measurement[]> {
  const { repeats, durationSec, warmupSec } = context.options;
  const measurements: Measurement[] = [];
  for (const workload of workloads) {
    const fresh = () => createWorkloads(plan.rows).find((candidate) => candidate.name === workload.name) ?? workload;
    for (const concurrency of plan.concurrencies) {
      for (let repeat = 1; repeat <= repeats; repeat += 1) {
        for (const server of repeat % 2 === 1 ? servers : [...servers].reverse()) {
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
  const errors = run.non2xx + run.socketErrors;
  return `  #${repeat} c=${String(run.concurrency).padEnd(3)}${run.workload.padEnd(24)}${run.server.padEnd(9)}`
    + `${run.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${run.p50Ms.toFixed(2)} ms  p99 ${run.p99Ms.toFixed(2)} ms  `
    + `${run.cpuMicrosPerRequest.toFixed(0)} µs CPU/req  rss ${run.rssPeakMB.toFixed(0)} MB  gen ${run.generatorCpuPercent.toFixed(0)}%`
    + `${errors > 0 ? `  ERRORS ${errors} ${JSON.stringify(run.statusCodes)}` : ''}`;
}
