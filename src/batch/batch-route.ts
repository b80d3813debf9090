// POST <service root>/$batch: Graph's JSON batching, and OData's multipart batch (multipart-batch-route.ts). Each inner
// request runs through the gateway's phases as a request of its own (request ids, the access log, metrics, the
// concurrency limit, authentication with the outer Authorization header, permissions, validation, the Graph error
// body), below the outer request's mount path; only the phases that shape the outer HTTP answer (CORS, compression,
// Content-Length) are the outer request's alone.
import type { NextFunction, Request, Response } from 'express';
import { FailedDependencyError, MethodNotAllowedError } from '../errors/graph-error';
import { sendJson } from '../http/graph-response';
import { jsonBody } from '../http/json-body';
import { noteResource } from '../http/request-facts';
import { rawBody } from '../http/raw-body';
import { serviceRootOf } from '../odata/service-urls';
import { readBatch, type BatchStep } from './batch-request';
import { continueOnErrorPreference } from './continue-on-error';
import type { InnerHandler, InnerResponse } from './inner-exchange';
import { answerMultipartBatch } from './multipart-batch-route';
import type { EntityStore } from '../persistence/entity-store';
import { errorOutcome, storeAtomicityGroups } from './batch-outcomes';
import type { StepOutcome } from './run-batch';
import { runBatch } from './run-batch';
import { innerStepRunner } from './run-inner-step';

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

export function batchRoute(inner: InnerHandler, options: BatchRouteOptions) {
  const readJson = jsonBody(options.maxBatchBodyBytes);
  const readBytes = rawBody(options.maxBatchBodyBytes);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path !== '/$batch') {
      next();
      return;
    }
    noteResource(res, 'batch', req.method);
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
      (multipart ? answerMultipartBatch(inner, options, req, res) : answerBatch(inner, options, req, res)).catch(next);
    });
  };
}

async function answerBatch(inner: InnerHandler, options: BatchRouteOptions, req: Request, res: Response): Promise<void> {
  const root = serviceRootOf(options.publicUrl, req);
  const steps = readBatch(req.body, root);
  const run = innerStepRunner(inner, req, res, root, outcomeOf, { captureJson: true }); // JSON answers embedded as values
  const failed = (step: BatchStep) => errorOutcome(step, new FailedDependencyError(
    `The request was not run: a request it depends on (${step.dependsOn.join(', ')}) failed.`,
  ), res);
  const outcomes = await runBatch(steps, run, failed, BATCH_PARALLELISM, storeAtomicityGroups(options.store, options.groupTimeoutMs, res));
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

/** The inner response as Graph writes it: a JSON body as its value, text as a string, other bytes in base64, none when empty. */
function outcomeOf(step: BatchStep, inner: InnerResponse): StepOutcome {
  if (inner.json !== undefined) return { step, status: inner.status, headers: inner.headers, body: inner.json.value };
  const type = Object.entries(inner.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  if (inner.body.length === 0) return { step, status: inner.status, headers: inner.headers };
  let body: unknown;
  if (/^application\/(?:[\w.+-]*\+)?json\b/i.test(type)) body = JSON.parse(inner.body.toString('utf8'));
  else if (/^text\/|^application\/(?:[\w.+-]*\+)?xml\b/i.test(type)) body = inner.body.toString('utf8');
  else body = inner.body.toString('base64');
  return { step, status: inner.status, headers: inner.headers, body };
}
