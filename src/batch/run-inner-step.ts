// One step of a batch (either format) run as an inner request: the outer request's Authorization, a `$<id>` URL
// resolved against the entity an earlier step created, dispatched through the gateway's phases for inner requests.
import type { Request, Response } from 'express';
import { ResourceNotFoundError } from '../errors/graph-error';
import { errorOutcome } from './batch-outcomes';
import type { BatchStep } from './batch-request';
import { dispatchInner, type DispatchOptions, type InnerHandler, type InnerResponse } from './inner-exchange';
import { referencedUrl } from './referenced-url';
import type { StepOutcome } from './run-batch';

/** `toOutcome` writes the inner response as the batch format carries it (JSON value, or the bytes as they are). */
export function innerStepRunner(
  handler: InnerHandler, req: Request, res: Response, serviceRoot: string, toOutcome: (step: BatchStep, inner: InnerResponse) => StepOutcome,
  options: DispatchOptions = {},
) {
  const authorization = req.get('authorization');
  return async (step: BatchStep, dependencies: ReadonlyMap<string, StepOutcome>): Promise<StepOutcome> => {
    const headers = { ...step.headers, ...(authorization !== undefined ? { authorization } : {}) };
    const url = step.reference === undefined ? step.url : referencedUrl(step, dependencies.get(step.reference), serviceRoot);
    if (url instanceof Error) return errorOutcome(step, url, res);
    const inner = await dispatchInner(handler, req, res, { method: step.method, url, headers, body: step.body }, options);
    return inner.answered ? toOutcome(step, inner) : errorOutcome(step, new ResourceNotFoundError('The url names no resource of the service.'), res);
  };
}
