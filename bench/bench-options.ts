// The options of `npm run bench`: the mode and the matrix of table sizes, concurrencies, repeats and durations.

export type BenchMode = 'quick' | 'full' | 'profile' | 'overheads';

/** One table size and the concurrencies measured on it. */
export interface SizePlan {
  readonly rows: number;
  readonly concurrencies: readonly number[];
  /** Only these workloads at this size (all when absent); --workloads narrows further. */
  readonly workloads?: readonly string[];
}

/** The two collection calls (the ones whose cost may grow with the table) and the delta round measured against them at 1M. */
const COLLECTION_WORKLOADS: readonly string[] = ['collection-filter', 'collection-range-count', 'delta-round'];

export interface BenchOptions {
  readonly mode: BenchMode;
  readonly sizes: readonly SizePlan[];
  readonly repeats: number;
  /** Measured seconds per run. */
  readonly durationSec: number;
  /** Unmeasured seconds before the first measured run of each workload on each server. */
  readonly warmupSec: number;
  /** Workload names to run; empty means all. */
  readonly workloads: readonly string[];
}

const USAGE = 'usage: npm run bench [-- --quick | --full | --profile | --overheads] [--repeats=N] [--duration=S] [--rows=N] [--workloads=a,b]';

// Quick: the target cells (100k rows at c=16 and c=64, the collection calls at 1M rows), 3 interleaved repeats of
// 3 s: ≈ 7 minutes with the batch workloads, so a regression in any target (the tail at c=64, the collection's growth) shows in everyday use.
const QUICK: BenchOptions = {
  mode: 'quick',
  sizes: [{ rows: 100_000, concurrencies: [16, 64] }, { rows: 1_000_000, concurrencies: [16], workloads: COLLECTION_WORKLOADS }],
  repeats: 3, durationSec: 3, warmupSec: 1, workloads: [],
};

// Full: every size at c=16 (the collection scaling target), the concurrency sweep at 100k only: ≈ 20 minutes with the batch and delta workloads.
const FULL: BenchOptions = {
  mode: 'full',
  sizes: [
    { rows: 10_000, concurrencies: [16] },
    { rows: 100_000, concurrencies: [1, 16, 64] },
    { rows: 1_000_000, concurrencies: [16] },
  ],
  repeats: 3, durationSec: 4, warmupSec: 1, workloads: [],
};

// Profile: one profiled gateway per workload at 100k rows, c=16, a longer run for enough samples.
const PROFILE: BenchOptions = {
  mode: 'profile', sizes: [{ rows: 100_000, concurrencies: [16] }], repeats: 1, durationSec: 8, warmupSec: 2, workloads: [],
};

// Overheads: what the access log and compression cost on the hot paths, each against the same workload without it.
const OVERHEADS: BenchOptions = {
  mode: 'overheads', sizes: [{ rows: 100_000, concurrencies: [16] }], repeats: 3, durationSec: 3, warmupSec: 1, workloads: [],
};

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  let options: BenchOptions = FULL;
  const overrides: Array<(current: BenchOptions) => BenchOptions> = [];
  for (const argument of argv) {
    const [flag, value = ''] = argument.split('=', 2);
    if (flag === '--quick') options = QUICK;
    else if (flag === '--full') options = FULL;
    else if (flag === '--profile') options = PROFILE;
    else if (flag === '--overheads') options = OVERHEADS;
    else if (flag === '--repeats') overrides.push((current) => ({ ...current, repeats: count(flag, value, 1, 20) }));
    else if (flag === '--duration') overrides.push((current) => ({ ...current, durationSec: count(flag, value, 1, 60) }));
    else if (flag === '--workloads') overrides.push((current) => ({ ...current, workloads: value.split(',').filter(Boolean) }));
    else if (flag === '--rows') {
      overrides.push((current) => ({ ...current, sizes: [{ rows: count(flag, value, 100, 5_000_000), concurrencies: [16] }] }));
    } else throw new Error(`unknown option '${argument}'\n${USAGE}`);
  }
  return overrides.reduce((current, override) => override(current), options);
}

function count(flag: string, value: string, min: number, max: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new Error(`${flag} must be an integer from ${min} to ${max}\n${USAGE}`);
  return parsed;
}
