// One measured run: autocannon in this process against one server, with the server's CPU and RSS read from /proc.
import autocannon from 'autocannon';
import { cpuMicros, sampleRss, waitIdle } from './process-stats';
import type { ServerProcess } from './server-process';
import type { Workload } from './workloads';

export interface RunSpec {
  readonly server: ServerProcess;
  readonly workload: Workload;
  readonly concurrency: number;
  readonly seconds: number;
  readonly authorization?: string;
  /** Sent with every request besides Authorization (e.g. Accept-Encoding). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RunMeasurement {
  readonly server: string;
  readonly workload: string;
  readonly concurrency: number;
  /** Requests inside each response's request: 20 for a batch workload, else 1 (ratios compare per inner request). */
  readonly itemsPerRequest: number;
  readonly responses: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Server CPU (all threads, user + system) per response. */
  readonly cpuMicrosPerRequest: number;
  readonly rssPeakMB: number;
  /** Responses outside 2xx, and socket errors plus timeouts. */
  readonly non2xx: number;
  /** Inner answers outside 2xx in the 2xx responses of a batch workload (a $batch is 200 whatever its requests got). */
  readonly innerNon2xx: number;
  readonly socketErrors: number;
  readonly statusCodes: Readonly<Record<string, number>>;
  /** CPU of this process (the load generator) as a share of one core during the run. */
  readonly generatorCpuPercent: number;
  /** The run's window on the monotonic clock (µs), the clock of `--cpu-prof` timestamps. */
  readonly window: readonly [number, number];
}

const MAX_LATENCIES = 2_000_000;

export async function measureRun(spec: RunSpec): Promise<RunMeasurement> {
  const pid = spec.server.pid;
  await waitIdle(pid);
  const rss = sampleRss(pid);
  const cpuBefore = cpuMicros(pid);
  const generatorBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const { result, latencies, innerNon2xx } = await runAutocannon(spec);
  const ended = process.hrtime.bigint();
  const seconds = Number(ended - started) / 1e9;
  const serverMicros = cpuMicros(pid) - cpuBefore;
  const generator = process.cpuUsage(generatorBefore);
  const responses = result.requests.total;
  return {
    server: spec.server.name,
    workload: spec.workload.name,
    concurrency: spec.concurrency,
    itemsPerRequest: spec.workload.batch?.items ?? 1,
    responses,
    seconds,
    requestsPerSecond: responses / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    cpuMicrosPerRequest: responses > 0 ? serverMicros / responses : Number.NaN,
    rssPeakMB: rss.stop(),
    non2xx: result.non2xx,
    innerNon2xx,
    socketErrors: result.errors + result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0])),
    generatorCpuPercent: ((generator.user + generator.system) / 1e6 / seconds) * 100,
    window: [Number(started / 1000n), Number(ended / 1000n)],
  };
}

/** An unmeasured run, so both servers are warm (JIT, page cache) before the first measured one. */
export async function warmUp(spec: RunSpec): Promise<void> {
  if (spec.seconds > 0) await runAutocannon(spec);
}

/** Every error a run saw: non-2xx responses, inner non-2xx answers of a batch, socket errors and timeouts. */
export function errorsOf(run: RunMeasurement): number {
  return run.non2xx + run.innerNon2xx + run.socketErrors;
}

async function runAutocannon(spec: RunSpec): Promise<{ result: autocannon.Result; latencies: Float64Array; innerNon2xx: number }> {
  const latencies = new Float64Array(MAX_LATENCIES);
  let recorded = 0;
  let innerNon2xx = 0;
  const onBatchAnswer = (status: number, body: string) => { if (status === 200) innerNon2xx += innerFailures(body); };
  let instance: autocannon.Instance | undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(autocannonOptions(spec, spec.workload.batch ? onBatchAnswer : undefined),
      (error, result) => (error ? reject(error) : resolve(result)));
  });
  // autocannon's own histogram keeps whole milliseconds; these keep the sub-millisecond latencies of fast requests.
  instance?.on('response', (_client: unknown, _status: number, _bytes: number, milliseconds: number) => {
    if (recorded < MAX_LATENCIES) latencies[recorded++] = milliseconds;
  });
  const guard = setTimeout(() => instance?.stop(), (spec.seconds + 15) * 1000); // bounded even if the server hangs
  try {
    const result = await done;
    return { result, latencies: latencies.subarray(0, recorded), innerNon2xx };
  } finally {
    clearTimeout(guard);
  }
}

/** The inner answers of a JSON batch response outside 2xx (all of them if the body is not a batch response). */
function innerFailures(body: string): number {
  try {
    const { responses } = JSON.parse(body) as { responses: Array<{ status: number }> };
    return responses.filter((answer) => answer.status < 200 || answer.status > 299).length;
  } catch {
    return 1;
  }
}

function autocannonOptions(spec: RunSpec, onResponse?: (status: number, body: string) => void): autocannon.Options {
  const baseHeaders: Record<string, string> = { ...spec.headers, ...(spec.authorization ? { authorization: spec.authorization } : {}) };
  return {
    url: spec.server.origin,
    connections: spec.concurrency,
    pipelining: 1,
    duration: spec.seconds,
    timeout: 10,
    requests: [{
      setupRequest: (request) => {
        const next = spec.workload.next();
        const headers = next.body === undefined ? baseHeaders : { ...baseHeaders, 'content-type': 'application/json' };
        return { ...request, method: next.method, path: next.path, body: next.body, headers };
      },
      ...(onResponse ? { onResponse } : {}),
    }],
  };
}

function percentile(values: Float64Array, fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}
