// Body parsing for writes: application/json only (else 415), within the size limit (else 413), parsed once. A body the
// host already parsed (its own express.json()) is taken as if read here; one consumed some other way is a clear 400.
import express, { type NextFunction, type Request, type Response } from 'express';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors/graph-error';

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
    if (req.readableDidRead || req.readableEnded) {
      takeHostBody(req, maxBodyBytes, next);
      return;
    }
    parse(req, res, (error?: unknown) => {
      if (error) next(error);
      else if (!bodiesRead.has(req)) next(new BadRequestError('The request body is empty; it must be one JSON object.'));
      else next();
    });
  };
}

/** The stream was read before the gateway saw it: by the host's body parser (req.body set) or by something else. */
function takeHostBody(req: Request, maxBodyBytes: number, next: NextFunction): void {
  const body: unknown = req.body;
  if (body === undefined) {
    next(new BadRequestError('The request body was consumed before it reached the service, and no parsed body was left in req.body;'
      + ' mount the gateway before the middleware that read it, or parse it with express.json().'));
    return;
  }
  const declared = Number(req.get('content-length'));
  const size = Number.isFinite(declared) ? declared : Buffer.byteLength(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
  if (size > maxBodyBytes) {
    next(new PayloadTooLargeError('The request body is larger than the service accepts.'));
    return;
  }
  if (size === 0) {
    next(new BadRequestError('The request body is empty; it must be one JSON object.'));
    return;
  }
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    // express.text() or express.raw() of the host: the bytes are here, parse them as the gateway would have.
    try {
      req.body = JSON.parse(body.toString());
    } catch {
      next(new BadRequestError('The request body is not valid JSON.'));
      return;
    }
  }
  next();
}
