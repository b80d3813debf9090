// Runs the steps of a batch: a step waits for the steps it depends on, and answers 424 without running when one of
// them failed; independent steps run concurrently, at most `parallel` at a time.
import type { BatchStep } from './batch-request';

export interface StepOutcome {
  readonly step: BatchStep;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export async function runBatch(
  steps: readonly BatchStep[], run: (step: BatchStep, dependencies: ReadonlyMap<string, StepOutcome>) => Promise<StepOutcome>,
  failedDependency: (step: BatchStep) => StepOutcome, parallel: number,
): Promise<StepOutcome[]> {
  const limit = createLimit(parallel);
  const outcomes = new Map<string, Promise<StepOutcome>>();
  for (const step of steps) {
    const dependencies = step.dependsOn.map((key) => outcomes.get(key) as Promise<StepOutcome>);
    outcomes.set(step.key, Promise.all(dependencies).then((done) => (done.some((outcome) => outcome.status >= 400)
      ? failedDependency(step)
      : limit(() => run(step, new Map(done.map((outcome) => [outcome.step.key, outcome])))))));
  }
  return Promise.all(steps.map((step) => outcomes.get(step.key) as Promise<StepOutcome>));
}

function createLimit(parallel: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= parallel) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}
