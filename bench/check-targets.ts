// The targets (median gateway/baseline req/s ratios at 100k and 1M rows, c=16 and c=64; the tail at c=64;
// memory; errors), each PASS, MISS or n/a (a cell the mode did not measure).
import { findRow, type Summary, type SummaryRow } from './summarize-runs';

export interface TargetResult {
  readonly target: string;
  readonly measured: string;
  readonly status: 'PASS' | 'MISS' | 'n/a';
  /** For a MISS: how far off, e.g. "needs ×1.9". */
  readonly gap?: string;
}

const TARGET_ROWS = 100_000;
const TARGET_CONCURRENCY = 16;

function atLeast(target: string, value: number | undefined, threshold: number, note = ''): TargetResult {
  if (value === undefined || Number.isNaN(value)) return { target, measured: 'not measured', status: 'n/a' };
  const measured = `${value.toFixed(2)}${note}`;
  return value >= threshold ? { target, measured, status: 'PASS' } : { target, measured, status: 'MISS', gap: `needs ×${(threshold / value).toFixed(2)}` };
}

function atMost(target: string, value: number | undefined, threshold: number, unit: string, digits = 0): TargetResult {
  if (value === undefined || Number.isNaN(value)) return { target, measured: 'not measured', status: 'n/a' };
  const measured = `${value.toFixed(digits)}${unit}`;
  return value <= threshold ? { target, measured, status: 'PASS' } : { target, measured, status: 'MISS', gap: `${(value - threshold).toFixed(digits)}${unit} over` };
}

/** The median of the per-repeat req/s ratios, as the table shows it. */
function throughputRatio(summary: Summary, workload: string, rows: number, concurrency: number): number | undefined {
  return findRow(summary, 'gateway', workload, rows, concurrency)?.ratios?.requestsPerSecond;
}

/** The same ratio from CPU per request (baseline / gateway): steadier on a noisy machine, shown beside it. */
function cpuNote(summary: Summary, workload: string, rows: number, concurrency: number): string {
  const ratio = findRow(summary, 'gateway', workload, rows, concurrency)?.ratios?.cpuMicrosPerRequest;
  return ratio === undefined || !Number.isFinite(ratio) ? '' : ` (CPU-based ${(1 / ratio).toFixed(2)})`;
}

/** CPU per request of the collection call / of the delta round (so above 1 means the round is cheaper). */
function deltaCpuNote(summary: Summary): string {
  const ratio = findRow(summary, 'gateway', 'delta-round', 1_000_000, TARGET_CONCURRENCY)?.ratios?.cpuMicrosPerRequest;
  return ratio === undefined || !Number.isFinite(ratio) ? '' : ` (CPU-based ${(1 / ratio).toFixed(2)})`;
}

type RatioTarget = readonly [title: string, workload: string, rows: number, concurrency: number, threshold: number];

/** The req/s ratios: each cell that a mode measures (quick: 100k at c=16 and 64, the collections at 1M). */
const RATIO_TARGETS: readonly RatioTarget[] = [
  ['POST create', 'post-create', TARGET_ROWS, TARGET_CONCURRENCY, 0.35],
  ['POST create', 'post-create', TARGET_ROWS, 64, 0.35],
  ['GET by key', 'get-by-key', TARGET_ROWS, TARGET_CONCURRENCY, 0.3],
  ['collection call', 'collection-filter', TARGET_ROWS, TARGET_CONCURRENCY, 0.65],
  ['collection call', 'collection-filter', 1_000_000, TARGET_CONCURRENCY, 0.65],
  ['collection range + $count', 'collection-range-count', TARGET_ROWS, TARGET_CONCURRENCY, 0.65],
  ['collection range + $count', 'collection-range-count', 1_000_000, TARGET_CONCURRENCY, 0.65],
];

const sizeName = (rows: number) => (rows >= 1_000_000 ? `${rows / 1_000_000}M` : `${rows / 1000}k`);

/** p99 within 10× p50 at c=64, for each workload measured there (a stall, not the queue, shows as a long tail). */
function tailTargets(gatewayRows: readonly SummaryRow[]): TargetResult[] {
  return gatewayRows.filter((row) => row.concurrency === 64).map((row) => atMost(
    `${row.workload} p99 ≤ 10 × p50 (${sizeName(row.rows)}, c=64; p50 ${row.p50Ms.toFixed(1)} ms)`, row.p99Ms / row.p50Ms, 10, '×', 1,
  ));
}

export function checkTargets(summary: Summary): TargetResult[] {
  const gatewayRows: SummaryRow[] = summary.rows.filter((row) => row.server === 'gateway');
  const collectionAt = (rows: number) => findRow(summary, 'gateway', 'collection-filter', rows, TARGET_CONCURRENCY)?.requestsPerSecond;
  const large = collectionAt(1_000_000);
  const small = collectionAt(10_000);
  const max = (values: number[]) => (values.length > 0 ? Math.max(...values) : undefined);
  return [
    ...RATIO_TARGETS.map(([title, workload, rows, concurrency, threshold]) => atLeast(
      `${title} ≥ ${threshold.toFixed(2)} × baseline req/s (${sizeName(rows)}, c=${concurrency})`,
      throughputRatio(summary, workload, rows, concurrency), threshold, cpuNote(summary, workload, rows, concurrency),
    )),
    ...([['a $batch of one atomicity group of 20 creates', 'batch-create-20', 2], ['a $batch of 20 reads by key', 'batch-read-20', 1]] as const)
      .map(([title, workload, threshold]) => atLeast(
        `${title} ≥ ${threshold} × 20 single requests (requests/s, 100k, c=16)`,
        throughputRatio(summary, workload, TARGET_ROWS, TARGET_CONCURRENCY), threshold, cpuNote(summary, workload, TARGET_ROWS, TARGET_CONCURRENCY),
      )),
    atLeast('delta round of 50 new events ≥ 1.00 × collection call req/s (gateway, 1M, c=16)',
      findRow(summary, 'gateway', 'delta-round', 1_000_000, TARGET_CONCURRENCY)?.ratios?.requestsPerSecond, 1, deltaCpuNote(summary)),
    atLeast('collection call req/s 1M / 10k ≥ 0.9 (gateway)', large !== undefined && small !== undefined ? large / small : undefined, 0.9),
    ...tailTargets(gatewayRows),
    atMost('gateway RSS at rest ≤ 100 MB', max(gatewayRows.map((row) => row.rssAtRestMB)), 100, ' MB'),
    atMost('gateway RSS under load ≤ 200 MB', max(gatewayRows.map((row) => row.rssPeakMB)), 200, ' MB'),
    atMost('gateway errors = 0 (non-2xx + socket)', gatewayRows.length > 0 ? gatewayRows.reduce((sum, row) => sum + row.errors, 0) : undefined, 0, ''),
  ];
}
