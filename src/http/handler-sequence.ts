// Middlewares run in order as one prepared function: what an Express router does for a stack of `use` layers (next(),
// next(error), a thrown error, a rejected promise), without its per-layer path matching, parameter processing and
// request bookkeeping, which the service's phases do not use. The request path then crosses one router layer, not ten.
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * `done` gets what the last handler passed on: nothing, an error, or Express's `'router'` (leave the router), exactly
 * as the router that holds this sequence would have got it from its own next layer.
 */
export function handlerSequence(handlers: readonly RequestHandler[]): RequestHandler {
  const stages = [...handlers];
  return (req: Request, res: Response, done: NextFunction): void => {
    let index = 0;
    const next = (signal?: unknown): void => {
      if (signal && signal !== 'route') return done(signal); // 'route' means "the next layer" to a `use` layer too
      const handler = stages[index];
      index += 1;
      if (handler === undefined) return done();
      try {
        const result: unknown = handler(req, res, next);
        if (result instanceof Promise) result.catch((error: unknown) => done(error ?? new Error('rejected')));
      } catch (error) {
        done(error);
      }
    };
    next();
  };
}
