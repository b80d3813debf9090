// POST <service root>/$batch: Graph's JSON batching, and OData's multipart batch (multipart-batch-route.ts). Each inner request runs through the same router as a request of
// its own (request ids, the concurrency limit, authentication with the outer Authorization header, permissions,
// validation, the Graph error body), below the outer request's mount path.
import type { NextFunction, Request, Response, Router } from 'express';
import { FailedDependencyError, MethodNotAllowedError, ResourceNotFoundError, ServiceUnavailableError, type GraphError } from '../errors/graph-error';
import { toGraphError } from '../errors/to-graph-error';
import { jsonContentType, sendJson } from '../http/graph-response';
import { jsonBody } from '../http/json-body';
import { rawBody } from '../http/raw-body';
import { requestIdsOf } from '../http/request-ids';
import { serviceRootOf } from '../odata/service-urls';
import { readBatch, type BatchStep } from './batch-request';
import { continueOnErrorPreference } from './continue-on-error';
import { dispatchInner, type InnerResponse } from './inner-exchange';
import { answerMultipartBatch } from './multipart-batch-route';
import type { EntityStore } from '../persistence/entity-store';
import { TransactionTimeoutError } from '../persistence/transaction-context';
import type { AtomicityGroups, NotApplied, StepOutcome } from './run-batch';
import { runBatch } from './run-batch';
import { referencedUrl } from './referenced-url';

export interface BatchRouteOptions {
  readonly publicUrl: string;
  readonly maxBatchBodyBytes: number;
  /** Runs each atomicity group in one transaction of the gateway's store. */
  readonly store: Pick<EntityStore, 'inTransaction'>;
  /** Longest an atomicity group's transaction stays open; past it the group is rolled back and answered 503. */
  readonly groupTimeoutMs: number;
}

/** Inner requests of one batch in progress at once (each also counts against the gateway's concurrency limit). */
export const BATCH_PARALLELISM = 4;

export function batchRoute(router: Router, options: BatchRouteOptions) {
  const readJson = jsonBody(options.maxBatchBodyBytes);
  const readBytes = rawBody(options.maxBatchBodyBytes);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path !== '/$batch') {
      next();
      return;
    }
    if (req.method !== 'POST') {
      next(new MethodNotAllowedError(`${req.method} is not allowed on $batch; allowed: POST.`, { headers: { Allow: 'POST' } }));
      return;
    }
    const multipart = req.is('multipart/mixed') === 'multipart/mixed';
    (multipart ? readBytes : readJson)(req, res, (error?: unknown) => {
      if (error) {
        next(error);
        return;
      }
      (multipart ? answerMultipartBatch(router, options, req, res) : answerBatch(router, options, req, res)).catch(next);
    });
  };
}

async function answerBatch(router: Router, options: BatchRouteOptions, req: Request, res: Response): Promise<void> {
  const root = serviceRootOf(options.publicUrl, req);
  const steps = readBatch(req.body, root);
  const authorization = req.get('authorization');
  const run = async (step: BatchStep, dependencies: ReadonlyMap<string, StepOutcome>): Promise<StepOutcome> => {
    const headers = { ...step.headers, ...(authorization !== undefined ? { authorization } : {}) };
    const url = step.reference === undefined ? step.url : referencedUrl(step, dependencies.get(step.reference), root);
    if (url instanceof Error) return errorOutcome(step, url, res);
    const inner = await dispatchInner(router, req, res, { method: step.method, url, headers, body: step.body });
    return inner.answered ? outcomeOf(step, inner) : errorOutcome(step, new ResourceNotFoundError('The url names no resource of the service.'), res);
  };
  const failed = (step: BatchStep) => errorOutcome(step, new FailedDependencyError(
    `The request was not run: a request it depends on (${step.dependsOn.join(', ')}) failed.`,
  ), res);
  const groups: AtomicityGroups = {
    atomically: (work) => options.store.inTransaction(work, { timeoutMs: options.groupTimeoutMs }),
    notApplied: (step, why) => errorOutcome(step, notAppliedError(step, why), res),
  };
  const outcomes = await runBatch(steps, run, failed, BATCH_PARALLELISM, groups);
  // Every request runs whatever another one answered (only `dependsOn` stops one), which is what `continue-on-error`
  // asks for: the preference is applied when sent (not when `=false`).
  const continueOnError = continueOnErrorPreference(req);
  if (continueOnError) res.setHeader('Preference-Applied', continueOnError);
  sendJson(res, 200, {
    responses: outcomes.map(({ step, status, headers, body }) => ({
      id: step.id, ...(step.atomicityGroup === undefined ? {} : { atomicityGroup: step.atomicityGroup }), status, headers,
      ...(body === undefined ? {} : { body }),
    })),
  });
}

/**
 * OData JSON 4.01 §19.5: when one request of an atomicity group fails, all of them are failed. That request keeps its
 * own answer; every other one answers 424 (rolled back, or never run). When the transaction itself fails (its time
 * bound, the commit), every request answers that error.
 */
function notAppliedError(step: BatchStep, why: NotApplied): GraphError {
  const group = `atomicity group '${step.atomicityGroup}'`;
  if ('failed' in why) {
    const what = why.ran ? 'was rolled back' : 'was not run';
    return new FailedDependencyError(`The request ${what}: request '${why.failed.step.id}' of ${group} failed (${why.failed.status}), so none of the group's requests were applied.`);
  }
  if (why.error instanceof TransactionTimeoutError) {
    return new ServiceUnavailableError(`The ${group} was rolled back: its transaction was still open after ${why.error.timeoutMs} ms.`, { headers: { 'Retry-After': '5' }, cause: why.error });
  }
  const error = toGraphError(why.error);
  return error.status >= 500 ? error : new ServiceUnavailableError(`The ${group} could not be committed; retry later.`, { headers: { 'Retry-After': '5' }, cause: why.error });
}

/** The inner response as Graph writes it: a JSON body parsed, text as a string, other bytes in base64, none when empty. */
function outcomeOf(step: BatchStep, inner: InnerResponse): StepOutcome {
  const type = Object.entries(inner.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  if (inner.body.length === 0) return { step, status: inner.status, headers: inner.headers };
  let body: unknown;
  if (/^application\/(?:[\w.+-]*\+)?json\b/i.test(type)) body = JSON.parse(inner.body.toString('utf8'));
  else if (/^text\/|^application\/(?:[\w.+-]*\+)?xml\b/i.test(type)) body = inner.body.toString('utf8');
  else body = inner.body.toString('base64');
  return { step, status: inner.status, headers: inner.headers, body };
}

/** A Graph error answered by the batch itself for one of its requests (not run, or not the service's). */
function errorOutcome(step: BatchStep, error: GraphError, res: Response): StepOutcome {
  return {
    step, status: error.status, headers: { ...error.headers, 'Content-Type': jsonContentType() },
    body: { error: { code: error.code, message: error.message, innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': requestIdsOf(res).requestId } } },
  };
}
