// Body parsing for writes: application/json only (else 415), within the size limit (else 413), parsed once.
import express, { type NextFunction, type Request, type Response } from 'express';
import { BadRequestError, UnsupportedMediaTypeError } from '../errors/graph-error';

export function jsonBody(maxBodyBytes: number) {
  const bodiesRead = new WeakSet<object>();
  const parse = express.json({
    limit: maxBodyBytes, strict: false, type: () => true,
    // body-parser turns an empty body into {}: remember which requests really had bytes.
    verify: (req: object, _res: unknown, buffer: Buffer) => { if (buffer.length > 0) bodiesRead.add(req); },
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST' && req.method !== 'PATCH' && req.method !== 'PUT') {
      next();
      return;
    }
    if (!req.is('application/json')) {
      next(new UnsupportedMediaTypeError('The request body must be application/json.'));
      return;
    }
    parse(req, res, (error?: unknown) => {
      if (error) next(error);
      else if (!bodiesRead.has(req)) next(new BadRequestError('The request body is empty; it must be one JSON object.'));
      else next();
    });
  };
}
