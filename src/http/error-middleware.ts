// The last phase of the pipeline: any error becomes a Graph error. The cause of a 500 (the service's own fault) is
// logged at error with its stack, never sent; a 503 (the database or identity provider is unavailable) at warn with
// its code, no stack; a 501 (the client asked for what the service does not implement) only by the access log.
import type { NextFunction, Request, Response } from 'express';
import { toGraphError } from '../errors/to-graph-error';
import { describeError, type Logger } from '../log/logger';
import { sendGraphError } from './graph-response';
import { requestIdsOf } from './request-ids';

export function errorMiddleware(logger: Logger) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const graphError = toGraphError(error);
    const requestId = requestIdsOf(res).requestId;
    if (graphError.status === 503) {
      logger.warn('request.unavailable', { requestId, status: 503, ...describeError(graphError.cause ?? graphError, false) });
    } else if (graphError.status >= 500 && graphError.status !== 501) {
      logger.error('request.failed', { requestId, status: graphError.status, ...describeError(graphError.cause ?? graphError) });
    }
    sendGraphError(res, graphError);
  };
}
