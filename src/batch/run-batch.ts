// Runs the steps of a batch: a step (or an atomicity group) waits for the steps and groups it depends on, and answers
// 424 without running when one of them failed; independent ones run concurrently, at most `parallel` at a time. The
// steps of an atomicity group run one after the other inside `groups.atomically`, stopping at the first failure.
import { groupKeyOf, type BatchStep } from './batch-request';

export interface StepOutcome {
  readonly step: BatchStep;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** How a batch runs its atomicity groups (a batch without groups needs none). */
export interface AtomicityGroups {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it rejects (rethrown). */
  atomically<T>(work: () => Promise<T>): Promise<T>;
  /** The answer of a step of a group that did not commit, other than the step that failed. */
  notApplied(step: BatchStep, why: NotApplied): StepOutcome;
}

/**
 * Why a group did not commit: the step whose outcome `failed` stopped it (`ran`: this step had run before, and was
 * rolled back; otherwise it was never run), or the transaction itself failed with `error` (its time bound, the commit).
 */
export type NotApplied = { readonly failed: StepOutcome; readonly ran: boolean } | { readonly error: unknown };

type Run = (step: BatchStep, dependencies: ReadonlyMap<string, StepOutcome>) => Promise<StepOutcome>;

/** A step alone, or the adjacent steps of one atomicity group. */
interface Unit {
  readonly key: string;
  readonly steps: readonly BatchStep[];
  readonly group: boolean;
}

export async function runBatch(
  steps: readonly BatchStep[], run: Run, failedDependency: (step: BatchStep) => StepOutcome, parallel: number,
  groups?: AtomicityGroups,
): Promise<StepOutcome[]> {
  const limit = createLimit(parallel);
  const units = unitsOf(steps);
  const done = new Map<string, Promise<StepOutcome[]>>();
  for (const unit of units) {
    const inside = new Set(unit.steps.map((step) => step.key));
    const names = [...new Set(unit.steps.flatMap((step) => step.dependsOn))].filter((name) => !inside.has(name));
    const outcome = Promise.all(names.map((name) => done.get(name) as Promise<StepOutcome[]>)).then((lists) => {
      const dependencies = lists.flat();
      if (dependencies.some((dependency) => dependency.status >= 400)) return unit.steps.map(failedDependency);
      if (!unit.group) return limit(async () => [await run(unit.steps[0]!, byKey(dependencies))]);
      if (!groups) throw new Error('runBatch: a batch with atomicity groups needs AtomicityGroups');
      return limit(() => runGroup(unit.steps, dependencies, run, groups));
    });
    done.set(unit.key, outcome);
    unit.steps.forEach((step, index) => {
      if (unit.group) done.set(step.key, outcome.then((list) => [list[index]!]));
    });
  }
  const outcomes = await Promise.all(units.map((unit) => done.get(unit.key)!));
  const byStep = new Map(outcomes.flat().map((outcome) => [outcome.step, outcome]));
  return steps.map((step) => byStep.get(step)!);
}

/** Group failure inside the transaction: rolls it back, carrying the outcomes so far. */
class GroupFailure extends Error {
  constructor(readonly outcomes: readonly StepOutcome[]) {
    super('atomicity group failed');
  }
}

async function runGroup(steps: readonly BatchStep[], outside: readonly StepOutcome[], run: Run, groups: AtomicityGroups): Promise<StepOutcome[]> {
  try {
    return await groups.atomically(async () => {
      const outcomes: StepOutcome[] = [];
      for (const step of steps) {
        const outcome = await run(step, byKey([...outside, ...outcomes]));
        outcomes.push(outcome);
        if (outcome.status >= 400) throw new GroupFailure(outcomes);
      }
      return outcomes;
    });
  } catch (error) {
    if (!(error instanceof GroupFailure)) return steps.map((step) => groups.notApplied(step, { error }));
    const { outcomes } = error;
    const failed = outcomes[outcomes.length - 1]!;
    return steps.map((step, index) => (step === failed.step ? failed : groups.notApplied(step, { failed, ran: index < outcomes.length })));
  }
}

function unitsOf(steps: readonly BatchStep[]): Unit[] {
  const units: { key: string; steps: BatchStep[]; group: boolean }[] = [];
  for (const step of steps) {
    const group = groupKeyOf(step);
    const last = units[units.length - 1];
    if (group !== undefined && last?.group && last.key === group) last.steps.push(step);
    else units.push({ key: group ?? step.key, steps: [step], group: group !== undefined });
  }
  return units;
}

const byKey = (outcomes: readonly StepOutcome[]) => new Map(outcomes.map((outcome) => [outcome.step.key, outcome]));

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
