// Health endpoints: liveness of the process, readiness of the database; a host mounts them where it likes.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ServiceUnavailableError } from '../errors/graph-error';
import { describeError, type Logger } from '../log/logger';
import { sendGraphError, sendJson } from './graph-response';
import { requestIds } from './request-ids';

export interface Readiness {
  ping(): Promise<void>;
}

/** Liveness: the process answers; nothing else is checked, so a database outage never restarts it. */
export const healthHandler: RequestHandler = (req, res) => requestIds(req, res, () => sendJson(res, 200, { status: 'ok' }));

/** Readiness: the database answers, so a load balancer can route around an instance that cannot serve. */
export function readinessHandler(readiness: Readiness, logger: Logger): RequestHandler {
  return (req, res) => requestIds(req, res, () => {
    readiness.ping().then(() => sendJson(res, 200, { status: 'ready' }), (error: unknown) => {
      logger.warn('readiness.failed', describeError(error));
      sendGraphError(res, new ServiceUnavailableError('The database is not reachable.', { headers: { 'Retry-After': '5' } }));
    });
  });
}

/** /healthz and /readyz as one middleware, not a router: every request costs a string comparison, not a route match. */
export function healthRoutes(health: RequestHandler, readiness: RequestHandler) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path === '/healthz') return void health(req, res, next);
    if (req.path === '/readyz') return void readiness(req, res, next);
    next();
  };
}
