// Health endpoints outside the OData service: liveness of the process, readiness of the database.
import type { NextFunction, Request, Response } from 'express';
import { ServiceUnavailableError } from '../errors/graph-error';
import { describeError, type Logger } from '../log/logger';
import { sendGraphError, sendJson } from './graph-response';

export interface Readiness {
  ping(): Promise<void>;
}

/** One middleware, not a router: every request passes here, so it costs a string comparison, not a route match. */
export function healthRoutes(readiness: Readiness, logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // Liveness: the process answers; nothing else is checked, so a database outage never restarts it.
    if (req.path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (req.path !== '/readyz') return next();
    // Readiness: the database answers, so a load balancer can route around an instance that cannot serve.
    readiness.ping().then(() => sendJson(res, 200, { status: 'ready' }), (error: unknown) => {
      logger.warn('readiness.failed', describeError(error));
      sendGraphError(res, new ServiceUnavailableError('The database is not reachable.', { headers: { 'Retry-After': '5' } }));
    });
  };
}
