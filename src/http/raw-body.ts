// Body bytes as they came (after Content-Encoding), within the size limit (else 413): for bodies the service parses
// itself, such as a multipart batch. Bytes a host's express.raw()/express.text() already read are taken as they are.
import express, { type NextFunction, type Request, type Response } from 'express';
import { BadRequestError, PayloadTooLargeError } from '../errors/graph-error';
import { bodyReadError } from './json-body';

export function rawBody(maxBodyBytes: number) {
  const readBytes = express.raw({ limit: maxBodyBytes, type: () => true, inflate: true });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.readableDidRead || req.readableEnded) {
      takeHostBytes(req, maxBodyBytes, next);
      return;
    }
    readBytes(req, res, (error?: unknown) => {
      if (error) {
        next(bodyReadError(error));
        return;
      }
      if (!Buffer.isBuffer(req.body)) req.body = Buffer.alloc(0);
      next();
    });
  };
}

function takeHostBytes(req: Request, maxBodyBytes: number, next: NextFunction): void {
  const body: unknown = req.body;
  const bytes = Buffer.isBuffer(body) ? body : typeof body === 'string' ? Buffer.from(body, 'utf8') : undefined;
  if (bytes === undefined) {
    next(new BadRequestError('The request body was consumed before it reached the service, and its bytes were not left in req.body;'
      + ' mount the gateway before the middleware that read it, or read it with express.raw().'));
    return;
  }
  if (bytes.length > maxBodyBytes) {
    next(new PayloadTooLargeError());
    return;
  }
  req.body = bytes;
  next();
}
