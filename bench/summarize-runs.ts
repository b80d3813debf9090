// Medians of the repeated runs per (workload, rows, concurrency, server), and the gateway's ratios to the baseline (for a
// batch workload: to the gateway's own single requests, per inner request).
import type { SizeResult } from './run-table-size';
import { errorsOf } from './load-run';

export interface SummaryRow {
  readonly workload: string;
  readonly rows: number;
  readonly concurrency: number;
  readonly server: string;
  readonly runs: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly cpuMicrosPerRequest: number;
  readonly rssAtRestMB: number;
  /** The largest VmRSS seen in any run of this cell. */
  readonly rssPeakMB: number;
  /** Non-2xx responses plus socket errors, summed over the runs. */
  readonly errors: number;
  readonly generatorCpuPercent: number;
  /**
   * Gateway rows: median over the repeats of gateway / baseline of the same repeat (paired, so drift cancels). Batch
   * workloads: gateway batch / gateway singles of the same repeat, per inner request (req/s counts inner requests, CPU
   * and latency are divided by them: a latency ratio compares one batch with that many single requests one after another).
   * A workload in REFERENCE: gateway / its reference workload on the gateway.
   */
  readonly ratios?: Readonly<Record<RatioMetric, number>>;
}

export type RatioMetric = 'requestsPerSecond' | 'p50Ms' | 'p99Ms' | 'cpuMicrosPerRequest';
const RATIO_METRICS: readonly RatioMetric[] = ['requestsPerSecond', 'p50Ms', 'p99Ms', 'cpuMicrosPerRequest'];

/** A workload the gateway did not answer with 2xx at some size: reported instead of measured. */
export interface UnavailableRow {
  readonly workload: string;
  readonly rows: number;
  readonly gatewayStatus: number;
}

export interface Summary {
  readonly rows: readonly SummaryRow[];
  readonly unavailable: readonly UnavailableRow[];
}

export function median(values: readonly number[]): number {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function summarize(sizes: readonly SizeResult[]): Summary {
  const rows: SummaryRow[] = [];
  for (const size of sizes) {
    const cells = new Map<string, Run[]>();
    for (const run of size.measurements) {
      const key = `${run.workload}|${run.concurrency}|${run.server}`;
      cells.set(key, [...(cells.get(key) ?? []), run]);
    }
    for (const runs of cells.values()) {
      const [first] = runs;
      const reference = REFERENCE[first.workload];
      const baselineRuns = (reference ? cells.get(`${reference.workload}|${first.concurrency}|${reference.server}`)
        : cells.get(`${first.workload}|${first.concurrency}|baseline`) ?? cells.get(`${first.workload}|${first.concurrency}|singles`)) ?? [];
      rows.push({
        ratios: first.server === 'gateway' ? pairedRatios(runs, baselineRuns) : undefined,
        workload: first.workload, rows: size.rows, concurrency: first.concurrency, server: first.server, runs: runs.length,
        requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
        p50Ms: median(runs.map((run) => run.p50Ms)),
        p99Ms: median(runs.map((run) => run.p99Ms)),
        cpuMicrosPerRequest: median(runs.map((run) => run.cpuMicrosPerRequest)),
        rssAtRestMB: size.rssAtRestMB[first.server] ?? Number.NaN,
        rssPeakMB: Math.max(...runs.map((run) => run.rssPeakMB)),
        errors: runs.reduce((sum, run) => sum + errorsOf(run), 0),
        generatorCpuPercent: Math.max(...runs.map((run) => run.generatorCpuPercent)),
      });
    }
  }
  const unavailable = sizes.flatMap((size) => size.probes
    .filter((probe) => !probe.available)
    .map((probe) => ({ workload: probe.workload, rows: size.rows, gatewayStatus: probe.gatewayStatus })));
  return { rows, unavailable };
}

type Run = SizeResult['measurements'][number];

/**
 * What a gateway row's ratios compare with when not the baseline's same workload: the delta round (the baseline has no
 * delta query) with the gateway's own collection call of the same size (50 entities) at the same rows and concurrency.
 */
export const REFERENCE: Readonly<Record<string, { readonly workload: string; readonly server: string }>> = {
  'delta-round': { workload: 'collection-filter', server: 'gateway' },
};

function pairedRatios(gatewayRuns: readonly Run[], baselineRuns: readonly Run[]): Record<RatioMetric, number> {
  const pairs = gatewayRuns.flatMap((run) => baselineRuns.filter((base) => base.repeat === run.repeat).map((base) => [run, base] as const));
  return Object.fromEntries(RATIO_METRICS.map((metric) => [metric, median(pairs.map(([run, base]) => perItem(run, metric) / perItem(base, metric)))])) as Record<RatioMetric, number>;
}

/** A run's figure per inner request: req/s times the requests in each, the others divided by them. */
function perItem(run: Run, metric: RatioMetric): number {
  const items = run.itemsPerRequest ?? 1; // results.json of older runs has none
  return metric === 'requestsPerSecond' ? run[metric] * items : run[metric] / items;
}

const WORKLOAD_ORDER = ['post-create', 'get-by-key', 'collection-filter', 'collection-range-count', 'delta-round', 'batch-create-20', 'batch-read-20'];

/** Table order: workload, rows, concurrency, gateway before baseline. */
export function compareRows(a: SummaryRow, b: SummaryRow): number {
  return WORKLOAD_ORDER.indexOf(a.workload) - WORKLOAD_ORDER.indexOf(b.workload) || a.rows - b.rows
    || a.concurrency - b.concurrency || b.server.localeCompare(a.server);
}

/**
 * What a gateway row's ratios compare with: the baseline row of its cell, for a batch workload its singles row, for a
 * workload in REFERENCE that workload's row on its server.
 */
export function referenceOf(summary: Summary, row: SummaryRow): SummaryRow | undefined {
  const reference = REFERENCE[row.workload];
  if (reference) return findRow(summary, reference.server, reference.workload, row.rows, row.concurrency);
  return baselineOf(summary, row) ?? summary.rows.find((candidate) => candidate.server === 'singles' && candidate.workload === row.workload
    && candidate.rows === row.rows && candidate.concurrency === row.concurrency);
}

/** The baseline row measured in the same cell as a gateway row. */
export function baselineOf(summary: Summary, row: SummaryRow): SummaryRow | undefined {
  return summary.rows.find((candidate) => candidate.server === 'baseline' && candidate.workload === row.workload
    && candidate.rows === row.rows && candidate.concurrency === row.concurrency);
}

export function findRow(summary: Summary, server: string, workload: string, rows: number, concurrency: number): SummaryRow | undefined {
  return summary.rows.find((row) => row.server === server && row.workload === workload && row.rows === rows && row.concurrency === concurrency);
}
