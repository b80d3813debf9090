// POST $batch with `Content-Type: multipart/mixed` (OData 4.0 Protocol 11.7): the body checked whole, then each
// request in order through the same router as a request of its own, change sets atomically; the answer is multipart.
import type { Request, Response, Router } from 'express';
import { NotAcceptableError, ResourceNotFoundError, ServiceUnavailableError, type GraphError } from '../errors/graph-error';
import { toGraphError } from '../errors/to-graph-error';
import { serviceRootOf } from '../odata/service-urls';
import type { EntityStore } from '../persistence/entity-store';
import { TransactionTimeoutError } from '../persistence/transaction-context';
import { errorOutcome, storeAtomicityGroups } from './batch-outcomes';
import type { BatchStep } from './batch-request';
import { continueOnErrorPreference } from './continue-on-error';
import { dispatchInner } from './inner-exchange';
import { readMultipartBatch } from './multipart-batch-request';
import { writeMultipartBatch } from './multipart-batch-response';
import { referencedUrl } from './referenced-url';
import type { StepOutcome } from './run-batch';
import { runMultipartBatch } from './run-multipart-batch';

export interface MultipartBatchOptions {
  readonly publicUrl: string;
  /** Runs each change set in one transaction of the gateway's store (as JSON atomicity groups). */
  readonly store: Pick<EntityStore, 'inTransaction'>;
  /** Longest a change set's transaction stays open; past it the change set is rolled back and answered 503. */
  readonly groupTimeoutMs: number;
}

export async function answerMultipartBatch(router: Router, options: MultipartBatchOptions, req: Request, res: Response): Promise<void> {
  if (req.get('accept') !== undefined && !req.accepts('multipart/mixed')) {
    throw new NotAcceptableError('A multipart batch is answered as multipart/mixed; the Accept header does not allow it.');
  }
  const root = serviceRootOf(options.publicUrl, req);
  const items = readMultipartBatch(req.body as Buffer, req.get('content-type') ?? '', root);
  const authorization = req.get('authorization');
  const run = async (step: BatchStep, dependencies: ReadonlyMap<string, StepOutcome>): Promise<StepOutcome> => {
    const headers = { ...step.headers, ...(authorization !== undefined ? { authorization } : {}) };
    const url = step.reference === undefined ? step.url : referencedUrl(step, dependencies.get(step.reference), root);
    if (url instanceof Error) return errorOutcome(step, url, res);
    const inner = await dispatchInner(router, req, res, { method: step.method, url, headers, body: step.body });
    if (!inner.answered) return errorOutcome(step, new ResourceNotFoundError('The url names no resource of the service.'), res);
    return { step, status: inner.status, headers: inner.headers, body: inner.body };
  };
  const continueOnError = continueOnErrorPreference(req);
  const failure = (step: BatchStep, error: unknown) => errorOutcome(step, transactionError(error), res);
  const { atomically } = storeAtomicityGroups(options.store, options.groupTimeoutMs, res);
  const outcomes = await runMultipartBatch(items, run, failure, atomically, continueOnError !== undefined);
  if (continueOnError) res.setHeader('Preference-Applied', continueOnError);
  const { contentType, body } = writeMultipartBatch(outcomes);
  res.status(200).setHeader('Content-Type', contentType);
  res.end(body);
}

/** A change set whose transaction itself failed (its time bound, the commit): rolled back, worth retrying (503). */
function transactionError(error: unknown): GraphError {
  if (error instanceof TransactionTimeoutError) {
    return new ServiceUnavailableError(`The change set was rolled back: its transaction was still open after ${error.timeoutMs} ms.`, { headers: { 'Retry-After': '5' }, cause: error });
  }
  const mapped = toGraphError(error);
  return mapped.status >= 500 ? mapped : new ServiceUnavailableError('The change set could not be committed; retry later.', { headers: { 'Retry-After': '5' }, cause: error });
}
