// A hand-written SVG chart: req/s and CPU µs per request for each measured cell, gateway bar beside baseline bar.
import { baselineOf, compareRows, type Summary, type SummaryRow } from './summarize-runs';

const LABEL_WIDTH = 250;
const PANEL_WIDTH = 320;
const PANEL_GAP = 70;
const BAR_HEIGHT = 12;
const GROUP_HEIGHT = 2 * BAR_HEIGHT + 12;
const TOP = 60;
const COLORS = { gateway: '#d9534f', baseline: '#5b8def' } as const;

interface Panel {
  readonly title: string;
  readonly pick: (row: SummaryRow) => number;
}

const PANELS: readonly Panel[] = [
  { title: 'requests per second (higher is better)', pick: (row) => row.requestsPerSecond },
  { title: 'server CPU µs per request (lower is better)', pick: (row) => row.cpuMicrosPerRequest },
];

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const text = (x: number, y: number, content: string, attributes = '') => `<text x="${x}" y="${y}" ${attributes}>${escape(content)}</text>`;

export function renderChart(summary: Summary, title: string): string {
  const pairs = [...summary.rows].sort(compareRows)
    .filter((row) => row.server === 'gateway')
    .map((gateway) => ({ gateway, baseline: baselineOf(summary, gateway) }))
    .filter((pair): pair is { gateway: SummaryRow; baseline: SummaryRow } => pair.baseline !== undefined);
  const height = TOP + pairs.length * GROUP_HEIGHT + 30;
  const width = LABEL_WIDTH + PANELS.length * (PANEL_WIDTH + PANEL_GAP);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    text(10, 20, title, 'font-size="14" font-weight="bold"'),
    `<rect x="10" y="30" width="10" height="10" fill="${COLORS.gateway}"/>`, text(24, 39, 'gateway'),
    `<rect x="80" y="30" width="10" height="10" fill="${COLORS.baseline}"/>`, text(94, 39, 'baseline'),
  ];
  pairs.forEach(({ gateway }, index) => {
    const y = TOP + index * GROUP_HEIGHT;
    parts.push(text(10, y + BAR_HEIGHT + 4, `${gateway.workload} · ${gateway.rows.toLocaleString('en-US')} rows · c=${gateway.concurrency}`));
  });
  PANELS.forEach((panel, panelIndex) => {
    const left = LABEL_WIDTH + panelIndex * (PANEL_WIDTH + PANEL_GAP);
    const largest = Math.max(...pairs.flatMap((pair) => [panel.pick(pair.gateway), panel.pick(pair.baseline)]).filter(Number.isFinite), 1);
    parts.push(text(left, TOP - 8, panel.title, 'font-weight="bold"'));
    parts.push(`<line x1="${left}" y1="${TOP - 4}" x2="${left}" y2="${TOP + pairs.length * GROUP_HEIGHT}" stroke="#999"/>`);
    pairs.forEach((pair, index) => {
      (['gateway', 'baseline'] as const).forEach((server, barIndex) => {
        const value = panel.pick(pair[server]);
        const barWidth = Number.isFinite(value) ? Math.max(1, (value / largest) * PANEL_WIDTH) : 0;
        const y = TOP + index * GROUP_HEIGHT + barIndex * BAR_HEIGHT;
        parts.push(`<rect x="${left}" y="${y}" width="${barWidth.toFixed(1)}" height="${BAR_HEIGHT - 1}" fill="${COLORS[server]}"/>`);
        parts.push(text(left + barWidth + 4, y + BAR_HEIGHT - 2, Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '–'));
      });
    });
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
