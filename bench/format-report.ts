// The markdown report: one table of medians (gateway figures with their ratio to the baseline), the unavailable workloads, the targets.
import type { TargetResult } from './check-targets';
import { compareRows, REFERENCE, referenceOf, type RatioMetric, type Summary, type SummaryRow } from './summarize-runs';

export interface ReportHeader {
  readonly mode: string;
  readonly startedAt: string;
  readonly repeats: number;
  readonly durationSec: number;
  readonly authorization: string;
  readonly indexes: readonly string[];
  readonly shapeDifferences: readonly string[];
  readonly warnings: readonly string[];
}

const number = (value: number, digits = 0) => (Number.isNaN(value) ? '–' : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));

/** `value (0.31×)`: gateway / baseline (paired median over the repeats where there is one), for every gateway figure. */
function withRatio(row: SummaryRow, base: SummaryRow | undefined, pick: (row: SummaryRow) => number, digits = 0, metric?: RatioMetric): string {
  const value = number(pick(row), digits);
  if (row.server !== 'gateway') return value;
  const reference = REFERENCE[row.workload];
  const ratio = metric && row.ratios ? row.ratios[metric] : base && !reference ? pick(row) / pick(base) : Number.NaN;
  return Number.isFinite(ratio) ? `${value} (${ratio.toFixed(2)}×${reference ? ` ${reference.workload}` : ''})` : value;
}

function tableLines(summary: Summary): string[] {
  const lines = [
    '| workload | rows | c | server | req/s | p50 ms | p99 ms | CPU µs/req | RSS rest MB | RSS peak MB | errors | gen CPU |',
    '|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of [...summary.rows].sort(compareRows)) {
    const base = referenceOf(summary, row);
    lines.push(`| ${row.workload} | ${number(row.rows)} | ${row.concurrency} | ${row.server} | ${withRatio(row, base, (r) => r.requestsPerSecond, 0, 'requestsPerSecond')}`
      + ` | ${withRatio(row, base, (r) => r.p50Ms, 2, 'p50Ms')} | ${withRatio(row, base, (r) => r.p99Ms, 2, 'p99Ms')}`
      + ` | ${withRatio(row, base, (r) => r.cpuMicrosPerRequest, 0, 'cpuMicrosPerRequest')} | ${withRatio(row, base, (r) => r.rssAtRestMB)}`
      + ` | ${withRatio(row, base, (r) => r.rssPeakMB)} | ${row.errors} | ${number(row.generatorCpuPercent)}% |`);
  }
  for (const missing of summary.unavailable) {
    const why = missing.gatewayStatus === 501 ? 'not available (gateway answers 501)' : `gateway answers ${missing.gatewayStatus}`;
    lines.push(`| ${missing.workload} | ${number(missing.rows)} | | gateway | ${why} | | | | | | | |`);
  }
  return lines;
}

export function formatReport(header: ReportHeader, summary: Summary, targets: readonly TargetResult[]): string {
  return [
    `# Benchmark: gateway vs baseline (${header.mode})`,
    '',
    `${header.startedAt}; medians of ${header.repeats} interleaved runs of ${header.durationSec} s each; autocannon in the bench process;`
      + ` server CPU from /proc/<pid>/stat; Authorization: ${header.authorization}.`,
    `Indexes on the table (as the gateway creates them): ${header.indexes.length > 0 ? header.indexes.join('; ') : 'primary key only'}.`,
    '',
    ...tableLines(summary),
    '',
    'Gateway figures carry their ratio to the baseline (the median of the per-repeat ratios) in the same cell; req/s: higher is better, the others: lower is better.',
    '`delta-round` (a deltaLink whose round returns 50 new events, gateway only) carries its ratio to the gateway\'s `collection-filter` (50 entities) instead.',
    '"gen CPU" is the load generator\'s share of one core: near 100% means the generator, not the server, set the pace.',
    'Batch workloads (`batch-*`) run on the gateway only: its row counts batches (20 requests each), the `singles` row the same 20 requests'
      + ' sent one by one to the gateway in the same repeats; the ratios are per inner request (req/s: inner requests per second, batch / singles).',
    ...header.warnings.map((warning) => `\n**Warning:** ${warning}.`),
    ...(header.shapeDifferences.length > 0 ? ['', '**JSON differs between the servers:**', ...header.shapeDifferences.map((line) => `- ${line}`)] : []),
    '',
    '## Targets',
    '',
    '| target | measured | result |',
    '|---|---:|---|',
    ...targets.map((target) => `| ${target.target} | ${target.measured} | ${target.status}${target.gap ? ` (${target.gap})` : ''} |`),
    '',
  ].join('\n');
}
