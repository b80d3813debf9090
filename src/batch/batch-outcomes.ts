// The answers a batch gives itself for its requests (not run, not the service's, or part of an atomicity group that did
// not commit), and the atomicity groups of a batch run as transactions of the gateway's store.
import type { Response } from 'express';
import { FailedDependencyError, ServiceUnavailableError, type GraphError } from '../errors/graph-error';
import { toGraphError } from '../errors/to-graph-error';
import { jsonContentType } from '../http/graph-response';
import { requestIdsOf } from '../http/request-ids';
import type { EntityStore } from '../persistence/entity-store';
import { TransactionTimeoutError } from '../persistence/transaction-context';
import type { BatchStep } from './batch-request';
import type { AtomicityGroups, NotApplied, StepOutcome } from './run-batch';

/** Each group in one transaction of `store`, bounded by `timeoutMs`; the other requests of a failed group as below. */
export function storeAtomicityGroups(store: Pick<EntityStore, 'inTransaction'>, timeoutMs: number, res: Response): AtomicityGroups {
  return {
    atomically: (work) => store.inTransaction(work, { timeoutMs }),
    notApplied: (step, why) => errorOutcome(step, notAppliedError(step, why), res),
  };
}

/**
 * OData JSON 4.01 §19.5: when one request of an atomicity group fails, all of them are failed. That request keeps its
 * own answer; every other one answers 424 (rolled back, or never run). When the transaction itself fails (its time
 * bound, the commit), every request answers that error.
 */
export function notAppliedError(step: BatchStep, why: NotApplied): GraphError {
  const group = `atomicity group '${step.atomicityGroup}'`;
  if ('failed' in why) {
    const what = why.ran ? 'was rolled back' : 'was not run';
    return new FailedDependencyError(`The request ${what}: request '${why.failed.step.id}' of ${group} failed (${why.failed.status}), so none of the group's requests were applied.`);
  }
  return transactionFailure(why.error, group);
}

/** A group or change set (`what`) whose transaction itself failed (its time bound, the commit): rolled back, worth retrying (503). */
export function transactionFailure(error: unknown, what: string): GraphError {
  if (error instanceof TransactionTimeoutError) {
    return new ServiceUnavailableError(`The ${what} was rolled back: its transaction was still open after ${error.timeoutMs} ms.`, { headers: { 'Retry-After': '5' }, cause: error });
  }
  const mapped = toGraphError(error);
  return mapped.status >= 500 ? mapped : new ServiceUnavailableError(`The ${what} could not be committed; retry later.`, { headers: { 'Retry-After': '5' }, cause: error });
}

/** A Graph error answered by the batch itself for one of its requests (not run, or not the service's). */
export function errorOutcome(step: BatchStep, error: GraphError, res: Response): StepOutcome {
  return {
    step, status: error.status, headers: { ...error.headers, 'Content-Type': jsonContentType() },
    body: { error: { code: error.code, message: error.message, innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': requestIdsOf(res).requestId } } },
  };
}
