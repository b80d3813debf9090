// Server-side cost from /proc: CPU time (utime+stime of all threads) and resident memory (VmRSS), sampled by pid.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (100 on Linux almost everywhere). */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', timeout: 5000 }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of the process so far, in microseconds. */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // proc(5): fields after "(comm)" start at field 3 (state); utime is field 14, stime field 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / CLOCK_TICKS;
}

/** VmRSS in MB (10^6 bytes, the unit of the targets), or NaN once the process is gone. */
export function rssMB(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? (Number(match[1]) * 1024) / 1e6 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export interface RssSampler {
  /** Stops sampling; the largest VmRSS seen, in MB. */
  stop(): number;
}

/** Samples VmRSS every `intervalMs` until stopped (the timer is unref'd, so it never holds the process). */
export function sampleRss(pid: number, intervalMs = 100): RssSampler {
  let peak = rssMB(pid);
  const timer = setInterval(() => {
    const current = rssMB(pid);
    if (current > peak) peak = current;
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const current = rssMB(pid);
      return Math.max(peak, Number.isNaN(current) ? 0 : current);
    },
  };
}

/**
 * Waits until the process uses under 10% of a core over 200 ms (at most `timeoutMs`), so a slow workload's
 * backlog from the previous run is not charged to the next one. Resolves whether or not it got idle.
 */
export async function waitIdle(pid: number, timeoutMs = 20_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const before = cpuMicros(pid);
    await new Promise((resolve) => setTimeout(resolve, 200));
    if (cpuMicros(pid) - before < 20_000) return true;
  }
  return false;
}
