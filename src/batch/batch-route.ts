// POST <service root>/$batch: Graph's JSON batching. Each inner request runs through the same router as a request of
// its own (request ids, the concurrency limit, authentication with the outer Authorization header, permissions,
// validation, the Graph error body), below the outer request's mount path.
import type { NextFunction, Request, Response, Router } from 'express';
import { BadRequestError, FailedDependencyError, MethodNotAllowedError, ResourceNotFoundError } from '../errors/graph-error';
import { sendJson } from '../http/graph-response';
import { jsonBody } from '../http/json-body';
import { readPreferences } from '../http/prefer-header';
import { serviceRootOf } from '../odata/service-urls';
import { readBatch, type BatchStep } from './batch-request';
import { dispatchInner, type InnerResponse } from './inner-exchange';
import type { EntityStore } from '../persistence/entity-store';
import { errorOutcome, storeAtomicityGroups } from './batch-outcomes';
import type { StepOutcome } from './run-batch';
import { runBatch } from './run-batch';

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
  const readBody = jsonBody(options.maxBatchBodyBytes);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path !== '/$batch') {
      next();
      return;
    }
    if (req.method !== 'POST') {
      next(new MethodNotAllowedError(`${req.method} is not allowed on $batch; allowed: POST.`, { headers: { Allow: 'POST' } }));
      return;
    }
    readBody(req, res, (error?: unknown) => {
      if (error) {
        next(error);
        return;
      }
      answerBatch(router, options, req, res).catch(next);
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
  const outcomes = await runBatch(steps, run, failed, BATCH_PARALLELISM, storeAtomicityGroups(options.store, options.groupTimeoutMs, res));
  const continueOnError = continueOnErrorPreference(req);
  if (continueOnError) res.setHeader('Preference-Applied', continueOnError);
  sendJson(res, 200, {
    responses: outcomes.map(({ step, status, headers, body }) => ({
      id: step.id, ...(step.atomicityGroup === undefined ? {} : { atomicityGroup: step.atomicityGroup }), status, headers,
      ...(body === undefined ? {} : { body }),
    })),
  });
}

/** `$<id>…` with the path below the service root of the entity that request created (its `Location`). */
function referencedUrl(step: BatchStep, referenced: StepOutcome | undefined, root: string): string | BadRequestError {
  const location = Object.entries(referenced?.headers ?? {}).find(([name]) => name.toLowerCase() === 'location')?.[1];
  if (location === undefined || !location.startsWith(`${root}/`)) {
    return new BadRequestError(`The url refers to the result of request '${referenced?.step.id ?? step.reference}', which created no entity.`);
  }
  return location.slice(root.length) + step.url.replace(/^\/\$[^/?(]+/, '');
}

/**
 * Every request runs whatever another one answered (only `dependsOn` stops one), which is what OData's
 * `continue-on-error` asks for: the preference is applied when sent (not when `=false`).
 */
function continueOnErrorPreference(req: Request): string | undefined {
  const preferences = readPreferences(req.get('prefer'));
  const name = ['continue-on-error', 'odata.continue-on-error'].find((candidate) => preferences.has(candidate));
  return name === undefined || preferences.get(name)?.toLowerCase() === 'false' ? undefined : name;
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
