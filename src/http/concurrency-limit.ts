// Bounds the requests in progress: past the limit a request gets 429 at once instead of queuing without bound.
import type { NextFunction, Request, Response } from 'express';
import { TooManyRequestsError } from '../errors/graph-error';

export function concurrencyLimit(maxInFlight: number, retryAfterSeconds = 1) {
  let inFlight = 0;
  return (_req: Request, res: Response, next: NextFunction): void => {
    if (inFlight >= maxInFlight) {
      next(new TooManyRequestsError('Too many requests are in progress; retry later.', {
        headers: { 'Retry-After': String(retryAfterSeconds) },
      }));
      return;
    }
    inFlight += 1;
    let released = false;
    const release = () => {
      if (!released) {
        released = true;
        inFlight -= 1;
      }
    };
    res.once('finish', release);
    res.once('close', release);
    next();
  };
}
