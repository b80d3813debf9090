// POST $batch with `Content-Type: multipart/mixed` (OData 4.0 Protocol 11.7): the body checked whole, then each
// request in order through the same phases as a request of its own, change sets atomically; the answer is multipart.
import type { Request, Response } from 'express';
import { NotAcceptableError } from '../errors/graph-error';
import { serviceRootOf } from '../odata/service-urls';
import type { EntityStore } from '../persistence/entity-store';
import type { InnerHandler } from './inner-exchange';
import { errorOutcome, storeAtomicityGroups, transactionFailure } from './batch-outcomes';
import type { BatchStep } from './batch-request';
import { continueOnErrorPreference } from './continue-on-error';
import { readMultipartBatch } from './multipart-batch-request';
import { writeMultipartBatch } from './multipart-batch-response';
import { innerStepRunner } from './run-inner-step';
import { runMultipartBatch } from './run-multipart-batch';

export interface MultipartBatchOptions {
  readonly publicUrl: string;
  /** Runs each change set in one transaction of the gateway's store (as JSON atomicity groups). */
  readonly store: Pick<EntityStore, 'inTransaction'>;
  /** Longest a change set's transaction stays open; past it the change set is rolled back and answered 503. */
  readonly groupTimeoutMs: number;
}

export async function answerMultipartBatch(inner: InnerHandler, options: MultipartBatchOptions, req: Request, res: Response): Promise<void> {
  if (req.get('accept') !== undefined && !req.accepts('multipart/mixed')) {
    throw new NotAcceptableError('A multipart batch is answered as multipart/mixed; the Accept header does not allow it.');
  }
  const root = serviceRootOf(options.publicUrl, req);
  const items = readMultipartBatch(req.body as Buffer, req.get('content-type') ?? '', root);
  const run = innerStepRunner(inner, req, res, root, (step, inner) => ({ step, status: inner.status, headers: inner.headers, body: inner.body }));
  const continueOnError = continueOnErrorPreference(req);
  const failure = (step: BatchStep, error: unknown) => errorOutcome(step, transactionFailure(error, 'change set'), res);
  const { atomically } = storeAtomicityGroups(options.store, options.groupTimeoutMs, res);
  const outcomes = await runMultipartBatch(items, run, failure, atomically, continueOnError !== undefined);
  if (continueOnError) res.setHeader('Preference-Applied', continueOnError);
  const { contentType, body } = writeMultipartBatch(outcomes);
  res.status(200).setHeader('Content-Type', contentType);
  res.end(body);
}
