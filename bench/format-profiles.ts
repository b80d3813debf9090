// The profile report: CPU per request by the packages, Node's share split by the caller, and the hottest frames.
import type { WorkloadProfile } from './profile-gateway';

const PACKAGES = ['express (+ router, body-parser…)', 'odata-v4-server', 'odata-v4-parser', 'typeorm', 'better-sqlite3', 'passport/jose',
  'our code (src/)', 'node internals', 'GC', 'V8 / native (program)'];

/** `node internals ← x` counts as node internals; anything not named by the issue is "other packages". */
function packageOf(category: string): string {
  if (category.startsWith('node internals')) return 'node internals';
  return PACKAGES.includes(category) ? category : 'other packages / event loop';
}

function byPackage(profile: WorkloadProfile): Map<string, { micros: number; share: number }> {
  const totals = new Map<string, { micros: number; share: number }>();
  for (const row of profile.categories ?? []) {
    const name = packageOf(row.category);
    const total = totals.get(name) ?? { micros: 0, share: 0 };
    totals.set(name, { micros: total.micros + row.microsPerRequest, share: total.share + row.share });
  }
  return totals;
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

function profileLines(profile: WorkloadProfile): string[] {
  const lines = [
    `## ${profile.workload}: ${profile.responses} responses; ${profile.cpuMicrosPerRequest?.toFixed(0)} µs CPU/req from /proc (profiler on)`, '',
    '| package | µs/req | share |', '|---|---:|---:|',
  ];
  const totals = byPackage(profile);
  for (const name of [...PACKAGES, 'other packages / event loop']) {
    const total = totals.get(name);
    if (total) lines.push(`| ${name} | ${total.micros.toFixed(1)} | ${percent(total.share)} |`);
  }
  lines.push('', '| node internals, by the caller outside Node | µs/req | share |', '|---|---:|---:|');
  for (const row of (profile.categories ?? []).filter((candidate) => candidate.category.startsWith('node internals')).slice(0, 8)) {
    lines.push(`| ${row.category.replace('node internals ← ', '')} | ${row.microsPerRequest.toFixed(1)} | ${percent(row.share)} |`);
  }
  lines.push('', '| hottest frames (self time) | µs/req |', '|---|---:|');
  for (const row of profile.topFunctions ?? []) lines.push(`| ${row.frame.replace(/\|/g, '\\|')} | ${row.microsPerRequest.toFixed(1)} |`);
  return [...lines, ''];
}

export function formatProfiles(profiles: readonly WorkloadProfile[]): string {
  const lines = [
    '# Gateway CPU per request by package (node --cpu-prof; self time of the samples in the measured window)',
    '',
    'Samples are wall-clock ticks of the main thread: time the kernel spends in a syscall (socket writes) or the thread',
    'waits for a core shows up on the frame that made the call. The /proc figure is the CPU of all threads.',
    '',
  ];
  for (const profile of profiles) {
    if (profile.status === 'profiled') lines.push(...profileLines(profile));
    else lines.push(`## ${profile.workload}: not available (gateway answers 501)`, '');
  }
  return lines.join('\n');
}
