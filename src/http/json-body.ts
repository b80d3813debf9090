// Body parsing for writes: application/json in UTF-8 only (else 415), within the size limit (else 413), decoded strictly, parsed once.
import express, { type NextFunction, type Request, type Response } from 'express';
import { BadRequestError, UnsupportedMediaTypeError } from '../errors/graph-error';
import { toGraphError } from '../errors/to-graph-error';
import { parseJsonBytes } from './parse-json-bytes';

export function jsonBody(maxBodyBytes: number) {
  // body-parser's raw reader: Content-Length, the size limit and Content-Encoding (gzip, deflate, br); the bytes stay ours.
  const readBytes = express.raw({ limit: maxBodyBytes, type: () => true, inflate: true });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST' && req.method !== 'PATCH' && req.method !== 'PUT') {
      next();
      return;
    }
    if (!req.is('application/json')) {
      next(new UnsupportedMediaTypeError('The request body must be application/json.'));
      return;
    }
    const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(req.headers['content-type'] ?? '')?.[1];
    if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
      next(new UnsupportedMediaTypeError(`The request body must be UTF-8 (RFC 8259 8.1), not charset "${charset}".`));
      return;
    }
    readBytes(req, res, (error?: unknown) => {
      if (error) {
        next(bodyReadError(error));
        return;
      }
      try {
        req.body = parseJsonBytes(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
        next();
      } catch (parseError) {
        next(parseError);
      }
    });
  };
}

/** The reader's own 4xx (size, encoding) keep their meaning; anything else it raises on the client's bytes
 * (a Content-Encoding: gzip body that is not gzip, a truncated deflate stream) is a 400, never a 500. */
function bodyReadError(error: unknown): Error {
  const mapped = toGraphError(error);
  if (mapped.status < 500) return mapped;
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new BadRequestError('The request body could not be read: its bytes do not match its Content-Encoding.', { cause: error });
  }
  return mapped;
}
