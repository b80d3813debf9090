// Runs a multipart batch in the order received (Protocol 11.7.7.3): each individual request, then each change set as
// one unit of work: its requests in order inside one store transaction, all applied or, when one fails, none.
// Processing stops after the first failure unless continue-on-error was asked for.
import type { BatchStep } from './batch-request';
import type { MultipartItem } from './multipart-batch-request';
import type { StepOutcome } from './run-batch';

/** Runs `work` in one store transaction: committed when it resolves, rolled back when it throws. */
export type Atomically = <T>(work: () => Promise<T>) => Promise<T>;

export interface ItemOutcome {
  readonly item: MultipartItem;
  /** Every request's outcome; for a failed change set only the failing request's (it answers for the change set). */
  readonly outcomes: readonly StepOutcome[];
  readonly failed: boolean;
}

type RunStep = (step: BatchStep, dependencies: ReadonlyMap<string, StepOutcome>) => Promise<StepOutcome>;
/** The answer for a change set whose transaction itself failed (its commit, say): the error as the service maps it. */
type Failure = (step: BatchStep, error: unknown) => StepOutcome;

export async function runMultipartBatch(
  items: readonly MultipartItem[], run: RunStep, failure: Failure, atomically: Atomically, continueOnError: boolean,
): Promise<ItemOutcome[]> {
  const answered: ItemOutcome[] = [];
  /** Outcomes of the requests applied so far (a later request's `$<Content-ID>` may name any of them). */
  const applied = new Map<string, StepOutcome>();
  for (const item of items) {
    const outcome = item.changeSet ? await runChangeSet(item, run, failure, atomically, applied) : await runSingle(item, run, applied);
    answered.push(outcome);
    if (!outcome.failed) for (const done of outcome.outcomes) applied.set(done.step.key, done);
    if (outcome.failed && !continueOnError) break;
  }
  return answered;
}

async function runSingle(item: MultipartItem, run: RunStep, applied: ReadonlyMap<string, StepOutcome>): Promise<ItemOutcome> {
  const outcome = await run(item.steps[0]!, applied);
  return { item, outcomes: [outcome], failed: outcome.status >= 400 };
}

class ChangeSetFailed extends Error {
  constructor(readonly outcome: StepOutcome) {
    super('a request of the change set failed');
  }
}

async function runChangeSet(
  item: MultipartItem, run: RunStep, failure: Failure, atomically: Atomically, applied: ReadonlyMap<string, StepOutcome>,
): Promise<ItemOutcome> {
  try {
    const outcomes = await atomically(async () => {
      const done = new Map(applied);
      const own: StepOutcome[] = [];
      for (const step of item.steps) {
        const outcome = await run(step, done);
        if (outcome.status >= 400) throw new ChangeSetFailed(outcome);
        done.set(step.key, outcome);
        own.push(outcome);
      }
      return own;
    });
    return { item, outcomes, failed: false };
  } catch (error) {
    if (error instanceof ChangeSetFailed) return { item, outcomes: [error.outcome], failed: true };
    return { item, outcomes: [failure(item.steps[0]!, error)], failed: true };
  }
}
