// Gives every request its `request-id` and echoes the caller's `client-request-id` (Graph conventions).
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export interface RequestIds {
  readonly requestId: string;
  readonly clientRequestId?: string;
}

/** A client-request-id is echoed only when it is a short printable token, so no header can be injected. */
const CLIENT_REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

export function requestIds(req: Request, res: Response, next: NextFunction): void {
  if (res.locals.requestIds !== undefined) return next(); // a host's health route or an outer layer gave them already
  const supplied = req.get('client-request-id');
  const ids: RequestIds = {
    requestId: randomUUID(),
    clientRequestId: supplied !== undefined && CLIENT_REQUEST_ID.test(supplied) ? supplied : undefined,
  };
  res.locals.requestIds = ids;
  res.setHeader('request-id', ids.requestId);
  if (ids.clientRequestId) res.setHeader('client-request-id', ids.clientRequestId);
  res.setHeader('OData-Version', '4.0');
  next();
}

export function requestIdsOf(res: Response): RequestIds {
  return (res.locals.requestIds as RequestIds | undefined) ?? { requestId: randomUUID() };
}
