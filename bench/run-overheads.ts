// `npm run bench -- --overheads`: what the access log and compression cost on the hot paths. Each pair runs the same
// workload with and without the feature in interleaved repeats (the order alternating), and reports the ratios of
// the repeats' pairs: server CPU per request (steady on a shared machine) and req/s.
import type { BenchOptions } from './bench-options';
import { startGateway } from './launch-servers';
import { errorsOf, measureRun, warmUp, type RunMeasurement } from './load-run';
import type { BenchContext } from './run-table-size';
import { copySeed, seedTable } from './seed-table';
import type { ServerProcess } from './server-process';
import { createWorkloads, type WorkloadName } from './workloads';

interface Side {
  readonly server: 'plain' | 'logged';
  readonly headers?: Readonly<Record<string, string>>;
}

interface Pair {
  readonly title: string;
  readonly workload: WorkloadName;
  /** With the feature, and the same workload without it. */
  readonly feature: Side;
  readonly reference: Side;
}

const COMPRESSED = { 'accept-encoding': 'gzip, br' };

/** `logged`: the access log on, at LOG_LEVEL=info (one line per request to the log file); `plain`: ACCESS_LOG=off. */
const PAIRS: readonly Pair[] = [
  { title: 'access log, GET by key', workload: 'get-by-key', feature: { server: 'logged' }, reference: { server: 'plain' } },
  { title: 'access log, GET $filter (50 rows)', workload: 'collection-filter', feature: { server: 'logged' }, reference: { server: 'plain' } },
  { title: 'compression (br), GET $filter (50 rows)', workload: 'collection-filter', feature: { server: 'plain', headers: COMPRESSED }, reference: { server: 'plain' } },
  { title: 'compression (br), GET by key (under the 1 kB threshold)', workload: 'get-by-key', feature: { server: 'plain', headers: COMPRESSED }, reference: { server: 'plain' } },
];

export interface PairResult {
  readonly title: string;
  readonly feature: readonly RunMeasurement[];
  readonly reference: readonly RunMeasurement[];
}

export async function runOverheads(context: BenchContext): Promise<PairResult[]> {
  const { rows, concurrencies: [concurrency] } = context.options.sizes[0];
  const seed = seedTable(context.layout, rows, context.cacheDir);
  const start = (server: Side['server'], env: Record<string, string>) => startGateway({
    databaseFile: copySeed(seed, context.workDir, server), logDir: context.logDir, auth: context.auth, label: `-${server}`, env,
  });
  const servers: Record<Side['server'], ServerProcess> = {
    plain: await start('plain', { ACCESS_LOG: 'off' }),
    logged: await start('logged', { ACCESS_LOG: 'on', LOG_LEVEL: 'info' }),
  };
  try {
    const results: PairResult[] = [];
    for (const pair of PAIRS) results.push(await measurePair(context, pair, servers, rows, concurrency));
    return results;
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  }
}

async function measurePair(context: BenchContext, pair: Pair, servers: Record<Side['server'], ServerProcess>, rows: number, concurrency: number): Promise<PairResult> {
  const { repeats, durationSec, warmupSec } = context.options;
  const workload = () => createWorkloads(rows).find((candidate) => candidate.name === pair.workload)!;
  const spec = (side: Side) => ({ server: servers[side.server], concurrency, authorization: context.auth.header, headers: side.headers });
  const measured = { feature: [] as RunMeasurement[], reference: [] as RunMeasurement[] };
  for (const role of ['feature', 'reference'] as const) context.print(`  probe ${pair.title} (${role}): ${await probe(spec(pair[role]), workload().next().path)}`);
  for (let repeat = 1; repeat <= repeats; repeat += 1) {
    for (const role of repeat % 2 === 1 ? ['feature', 'reference'] as const : ['reference', 'feature'] as const) {
      if (repeat === 1) await warmUp({ ...spec(pair[role]), workload: workload(), seconds: warmupSec });
      const run = await measureRun({ ...spec(pair[role]), workload: workload(), seconds: durationSec });
      measured[role].push(run);
      const errors = errorsOf(run);
      context.print(`  #${repeat} ${pair.title.padEnd(56)}${role.padEnd(10)}${run.requestsPerSecond.toFixed(0).padStart(7)} req/s  `
        + `${run.cpuMicrosPerRequest.toFixed(0)} µs CPU/req${errors > 0 ? `  ERRORS ${errors} ${JSON.stringify(run.statusCodes)}` : ''}`);
    }
  }
  return { title: pair.title, ...measured };
}

/** One request as the runs send it: its status and Content-Encoding, so a pair that measures nothing shows. */
async function probe(spec: { server: ServerProcess; authorization?: string; headers?: Readonly<Record<string, string>> }, path: string): Promise<string> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const headers = { ...spec.headers, ...(spec.authorization ? { authorization: spec.authorization } : {}) };
    request(`${spec.server.origin}${path}`, { headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(`${response.statusCode}, Content-Encoding: ${response.headers['content-encoding'] ?? 'none'}`));
    }).on('error', reject).end();
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function formatOverheads(results: readonly PairResult[], options: BenchOptions): string {
  const { rows, concurrencies: [concurrency] } = options.sizes[0];
  const lines = [
    `# Overheads (${rows} rows, c=${concurrency}, ${options.repeats} interleaved repeats of ${options.durationSec} s)`, '',
    'Ratios are medians of the per-repeat pairs (with the feature / without); CPU is the server\'s µs per request.', '',
    '| feature | CPU µs/req with | without | CPU ratio | req/s with | without | req/s ratio | errors |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const result of results) {
    const pairs = result.feature.map((run, index) => [run, result.reference[index]] as const);
    const errors = [...result.feature, ...result.reference].reduce((sum, run) => sum + errorsOf(run), 0);
    lines.push(`| ${result.title} | ${median(result.feature.map((run) => run.cpuMicrosPerRequest)).toFixed(0)} | ${median(result.reference.map((run) => run.cpuMicrosPerRequest)).toFixed(0)} `
      + `| ×${median(pairs.map(([a, b]) => a.cpuMicrosPerRequest / b.cpuMicrosPerRequest)).toFixed(2)} `
      + `| ${median(result.feature.map((run) => run.requestsPerSecond)).toFixed(0)} | ${median(result.reference.map((run) => run.requestsPerSecond)).toFixed(0)} `
      + `| ×${median(pairs.map(([a, b]) => a.requestsPerSecond / b.requestsPerSecond)).toFixed(2)} | ${errors} |`);
  }
  return `${lines.join('\n')}\n`;
}
