// The last phase of the pipeline: any error becomes a Graph error; a 5xx cause is logged, never sent.
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
    if (graphError.status >= 500) {
      logger.error('request.failed', {
        requestId: requestIdsOf(res).requestId, status: graphError.status,
        ...describeError(graphError.cause ?? graphError),
      });
    }
    sendGraphError(res, graphError);
  };
}
