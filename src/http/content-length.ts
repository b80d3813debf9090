// Content-Length on every answer written in one piece (res.end(body)), HEAD included (RFC 9110, 9.3.2: HEAD answers the
// headers GET would; Node drops its body and only computes the length itself when it sends one). Compression, which
// writes the head before the body, reads this length for its threshold and removes it when it compresses.
import type { NextFunction, Request, Response } from 'express';

type End = Response['end'];

export function contentLength(_req: Request, res: Response, next: NextFunction): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    const [chunk, encoding] = args;
    if (!res.headersSent && !res.hasHeader('Content-Length') && (typeof chunk === 'string' || Buffer.isBuffer(chunk))) {
      const length = typeof chunk === 'string' ? Buffer.byteLength(chunk, typeof encoding === 'string' ? encoding as BufferEncoding : 'utf8') : chunk.length;
      res.setHeader('Content-Length', String(length));
    }
    return end(...args);
  }) as End;
  next();
}
