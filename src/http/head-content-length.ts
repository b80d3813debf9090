// HEAD answers the headers GET would (RFC 9110, 9.3.2): the handlers write the same body, Node drops it for HEAD, and
// this adds the Content-Length that Node only computes when it sends a body.
import type { NextFunction, Request, Response } from 'express';

type End = Response['end'];

export function headContentLength(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'HEAD') return next();
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
