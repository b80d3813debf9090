// One place for the generative suites' run settings: a fixed seed and bounded runs in CI, longer random runs on demand.
//   FC_SEED=random FC_NUM_RUNS=1000 npm run test:generative
// FC_SEED: an integer to replay a run (fast-check prints the seed and path of a failure), `random` for a new one.
// FC_NUM_RUNS: runs per property instead of each suite's bounded default.
import fc from 'fast-check';

const DEFAULT_SEED = 20261201;

function seed(): number {
  const raw = process.env.FC_SEED;
  if (raw === undefined || raw === '') return DEFAULT_SEED;
  if (raw === 'random') return Math.floor(Math.random() * 0x7fffffff);
  if (!/^-?\d+$/.test(raw)) throw new Error(`FC_SEED '${raw}' must be an integer or 'random'`);
  return Number(raw);
}

const SEED = seed();
const NUM_RUNS = process.env.FC_NUM_RUNS ? Number(process.env.FC_NUM_RUNS) : undefined;
if (NUM_RUNS !== undefined && !(Number.isInteger(NUM_RUNS) && NUM_RUNS > 0)) throw new Error('FC_NUM_RUNS must be a positive integer');
if (process.env.FC_SEED === 'random') console.log(`      fast-check seed: ${SEED} (replay with FC_SEED=${SEED})`);

/** fast-check parameters for a property: the shared seed, FC_NUM_RUNS or `defaultRuns`. */
export function runSettings<T>(defaultRuns: number): fc.Parameters<T> {
  return { seed: SEED, numRuns: NUM_RUNS ?? defaultRuns, endOnFailure: true };
}

/** Mocha's timeout for a property: its default budget, scaled when FC_NUM_RUNS asks for more runs. */
export function timeoutFor(defaultRuns: number, defaultMs: number): number {
  return Math.max(defaultMs, Math.ceil((defaultMs * (NUM_RUNS ?? defaultRuns)) / defaultRuns) * 2);
}
