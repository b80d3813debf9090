// Body parsing for writes: application/json in UTF-8 only (else 415), within the size limit (else 413), decoded strictly,
// parsed once. A body the host already parsed (its own express.json()) is taken as if read here; one consumed some
// other way is a clear 400.
import type { IncomingMessage } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors/graph-error';
import { toGraphError } from '../errors/to-graph-error';
import { parseJsonBytes } from './parse-json-bytes';

const PRESET_BODY = Symbol('preset body');

/**
 * The request's body bytes, handed over with the request instead of read from its stream (an inner request of a
 * batch, whose bytes are already in memory). Taken as they are unless a Content-Encoding asks for inflation.
 */
export function presetBody(req: IncomingMessage, bytes: Buffer): void {
  Object.defineProperty(req, PRESET_BODY, { value: bytes });
}

function presetBodyOf(req: Request): Buffer | undefined {
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return undefined;
  return (req as unknown as Record<symbol, Buffer | undefined>)[PRESET_BODY];
}

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
    const preset = presetBodyOf(req);
    if (preset !== undefined) {
      if (preset.length > maxBodyBytes) next(new PayloadTooLargeError());
      else parseInto(req, preset, next);
      return;
    }
    if (req.readableDidRead || req.readableEnded) {
      takeHostBody(req, maxBodyBytes, next);
      return;
    }
    readBytes(req, res, (error?: unknown) => {
      if (error) {
        next(bodyReadError(error));
        return;
      }
      parseInto(req, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), next);
    });
  };
}

function parseInto(req: Request, bytes: Uint8Array, next: NextFunction): void {
  try {
    req.body = parseJsonBytes(bytes);
    next();
  } catch (parseError) {
    next(parseError);
  }
}

/** The reader's own 4xx (size, encoding) keep their meaning; anything else it raises on the client's bytes
 * (a Content-Encoding: gzip body that is not gzip, a truncated deflate stream) is a 400, never a 500. */
export function bodyReadError(error: unknown): Error {
  const mapped = toGraphError(error);
  if (mapped.status < 500) return mapped;
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new BadRequestError('The request body could not be read: its bytes do not match its Content-Encoding.', { cause: error });
  }
  return mapped;
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
    next(new PayloadTooLargeError());
    return;
  }
  if (size === 0) {
    next(new BadRequestError('The request body is empty; it must be one JSON object.'));
    return;
  }
  // express.raw() or express.text() of the host: the bytes (or text) are here, parse them as the gateway would have.
  if (Buffer.isBuffer(body)) parseInto(req, body, next);
  else if (typeof body === 'string') parseInto(req, Buffer.from(body, 'utf8'), next);
  else next();
}
