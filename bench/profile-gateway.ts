// `--profile`: one gateway per workload under `node --cpu-prof`, stopped by SIGINT, its CPU per request attributed by package.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attributeProfile, type CpuProfile } from './attribute-cpu-profile';
import { startGateway } from './launch-servers';
import { measureRun, warmUp, type RunMeasurement } from './load-run';
import type { BenchContext } from './run-table-size';
import { copySeed, seedTable } from './seed-table';
import type { ServerProcess } from './server-process';
import { prepareDeltaRound } from './delta-round';
import { createWorkloads, type Workload } from './workloads';

export interface WorkloadProfile {
  readonly workload: string;
  readonly status: 'profiled' | 'not available';
  readonly responses?: number;
  /** /proc CPU per response over the run (includes the profiler's own overhead). */
  readonly cpuMicrosPerRequest?: number;
  /** Sampled self time per response, by category, largest first. */
  readonly categories?: readonly { readonly category: string; readonly microsPerRequest: number; readonly share: number }[];
  readonly topFunctions?: readonly { readonly frame: string; readonly microsPerRequest: number }[];
  readonly profileFile?: string;
}

export async function profileGateway(context: BenchContext, resultsDir: string): Promise<WorkloadProfile[]> {
  const { rows, concurrencies } = context.options.sizes[0];
  const seed = seedTable(context.layout, rows, context.cacheDir);
  const profileDir = join(resultsDir, 'profiles');
  mkdirSync(profileDir, { recursive: true });
  const wanted = context.options.workloads;
  const profiles: WorkloadProfile[] = [];
  for (const workload of createWorkloads(rows).filter((candidate) => wanted.length === 0 || wanted.includes(candidate.name))) {
    profiles.push(await profileWorkload(context, workload, copySeed(seed, context.workDir, `profile-${workload.name}`), profileDir, concurrencies[0]));
  }
  return profiles;
}

async function profileWorkload(
  context: BenchContext, workload: Workload, databaseFile: string, profileDir: string, concurrency: number,
): Promise<WorkloadProfile> {
  const profileName = `${workload.name}.cpuprofile`;
  const gateway = await startGateway({
    databaseFile, logDir: context.logDir, auth: context.auth, label: `-profile-${workload.name}`,
    nodeOptions: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${profileName}`],
  });
  let run: ProfiledRun | undefined;
  try {
    // delta-round: its deltaLink and 50 new events are made on this gateway first (bench/delta-round.ts).
    const deltaPath = workload.gatewayOnly ? (await prepareDeltaRound(gateway, context.auth.header)).path : undefined;
    const profiled = workload.gatewayOnly ? createWorkloads(0, 42, deltaPath).find((candidate) => candidate.name === workload.name)! : workload;
    if (!workload.gatewayOnly || deltaPath !== undefined) run = await loadProfiled(context, profiled, gateway, concurrency);
  } finally {
    // SIGINT: the gateway closes its server and database and exits; Node writes the profile on the way out.
    const code = await gateway.stop('SIGINT');
    if (code !== 0) context.print(`  gateway exited with ${code} after SIGINT; the profile may be missing`);
  }
  if (!run) return { workload: workload.name, status: 'not available' };
  const profileFile = join(profileDir, profileName);
  const attribution = attributeProfile(JSON.parse(readFileSync(profileFile, 'utf8')) as CpuProfile, run.fromMicros, run.toMicros);
  const perRequest = (value: number) => value / Math.max(1, run.measured.responses);
  return {
    workload: workload.name, status: 'profiled', responses: run.measured.responses, cpuMicrosPerRequest: run.measured.cpuMicrosPerRequest, profileFile,
    categories: [...attribution.byCategory].sort((a, b) => b[1] - a[1])
      .map(([category, value]) => ({ category, microsPerRequest: perRequest(value), share: value / attribution.busyMicros })),
    topFunctions: attribution.topFunctions.map(([frame, value]) => ({ frame, microsPerRequest: perRequest(value) })),
  };
}

interface ProfiledRun {
  readonly measured: RunMeasurement;
  readonly fromMicros: number;
  readonly toMicros: number;
}

/** Warm-up, then the measured window; undefined when the gateway answers the workload with 501. */
async function loadProfiled(context: BenchContext, workload: Workload, gateway: ServerProcess, concurrency: number): Promise<ProfiledRun | undefined> {
  const first = workload.next();
  const headers: Record<string, string> = first.body ? { 'content-type': 'application/json' } : {};
  if (context.auth.header) headers.authorization = context.auth.header;
  const response = await fetch(`${gateway.origin}${first.path}`, { method: first.method, body: first.body, headers, signal: AbortSignal.timeout(10_000) });
  await response.arrayBuffer();
  if (response.status === 501) return undefined;
  const spec = { server: gateway, workload, concurrency, authorization: context.auth.header };
  await warmUp({ ...spec, seconds: context.options.warmupSec });
  const measured = await measureRun({ ...spec, seconds: context.options.durationSec });
  return { measured, fromMicros: measured.window[0], toMicros: measured.window[1] };
}
