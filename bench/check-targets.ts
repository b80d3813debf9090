// The targets (100k rows, c=16, median gateway/baseline ratios; memory; errors), each PASS, MISS or n/a.
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

function atMost(target: string, value: number | undefined, threshold: number, unit: string): TargetResult {
  if (value === undefined || Number.isNaN(value)) return { target, measured: 'not measured', status: 'n/a' };
  const measured = `${value.toFixed(0)}${unit}`;
  return value <= threshold ? { target, measured, status: 'PASS' } : { target, measured, status: 'MISS', gap: `${(value - threshold).toFixed(0)}${unit} over` };
}

/** The median of the per-repeat req/s ratios, as the table shows it. */
function throughputRatio(summary: Summary, workload: string, rows: number): number | undefined {
  return findRow(summary, 'gateway', workload, rows, TARGET_CONCURRENCY)?.ratios?.requestsPerSecond;
}

/** The same ratio from CPU per request (baseline / gateway): steadier on a noisy machine, shown beside it. */
function cpuNote(summary: Summary, workload: string, rows: number): string {
  const ratio = findRow(summary, 'gateway', workload, rows, TARGET_CONCURRENCY)?.ratios?.cpuMicrosPerRequest;
  return ratio === undefined || !Number.isFinite(ratio) ? '' : ` (CPU-based ${(1 / ratio).toFixed(2)})`;
}

/** CPU per request of the collection call / of the delta round (so above 1 means the round is cheaper). */
function deltaCpuNote(summary: Summary): string {
  const ratio = findRow(summary, 'gateway', 'delta-round', 1_000_000, TARGET_CONCURRENCY)?.ratios?.cpuMicrosPerRequest;
  return ratio === undefined || !Number.isFinite(ratio) ? '' : ` (CPU-based ${(1 / ratio).toFixed(2)})`;
}

export function checkTargets(summary: Summary): TargetResult[] {
  const gatewayRows: SummaryRow[] = summary.rows.filter((row) => row.server === 'gateway');
  const collectionAt = (rows: number) => findRow(summary, 'gateway', 'collection-filter', rows, TARGET_CONCURRENCY)?.requestsPerSecond;
  const large = collectionAt(1_000_000);
  const small = collectionAt(10_000);
  const max = (values: number[]) => (values.length > 0 ? Math.max(...values) : undefined);
  return [
    ...([['POST create', 'post-create', TARGET_ROWS, 0.35], ['GET by key', 'get-by-key', TARGET_ROWS, 0.25],
      ['collection call', 'collection-filter', TARGET_ROWS, 0.6], ['collection call', 'collection-filter', 1_000_000, 0.6]] as const)
      .map(([title, workload, rows, threshold]) => atLeast(
        `${title} ≥ ${threshold.toFixed(2)} × baseline req/s (${rows === TARGET_ROWS ? '100k' : '1M'}, c=16)`,
        throughputRatio(summary, workload, rows), threshold, cpuNote(summary, workload, rows),
      )),
    ...([['a $batch of one atomicity group of 20 creates', 'batch-create-20', 2], ['a $batch of 20 reads by key', 'batch-read-20', 1]] as const)
      .map(([title, workload, threshold]) => atLeast(
        `${title} ≥ ${threshold} × 20 single requests (requests/s, 100k, c=16)`,
        throughputRatio(summary, workload, TARGET_ROWS), threshold, cpuNote(summary, workload, TARGET_ROWS),
      )),
    atLeast('delta round of 50 new events ≥ 1.00 × collection call req/s (gateway, 1M, c=16)',
      findRow(summary, 'gateway', 'delta-round', 1_000_000, TARGET_CONCURRENCY)?.ratios?.requestsPerSecond, 1, deltaCpuNote(summary)),
    atLeast('collection call req/s 1M / 10k ≥ 0.9 (gateway)', large !== undefined && small !== undefined ? large / small : undefined, 0.9),
    atMost('gateway RSS at rest ≤ 100 MB', max(gatewayRows.map((row) => row.rssAtRestMB)), 100, ' MB'),
    atMost('gateway RSS under load ≤ 200 MB', max(gatewayRows.map((row) => row.rssPeakMB)), 200, ' MB'),
    atMost('gateway errors = 0 (non-2xx + socket)', gatewayRows.length > 0 ? gatewayRows.reduce((sum, row) => sum + row.errors, 0) : undefined, 0, ''),
  ];
}
