// The access log: one JSON line per request of the service once its answer is sent (or the client went away).
// Successful answers are sampled at the configured rate; every 4xx and 5xx is logged. Levels: info below 500 and for
// 501, warn for another 5xx (its cause, when the service is at fault, is the error line of errorMiddleware with the same requestId).
// A logger that writes no info lines (LOG_LEVEL=warn) can only get the warn lines: then only those are prepared, and
// their byte count is the answer's Content-Length (error bodies are sent in one piece) instead of a count of the writes.
import type { NextFunction, Request, Response } from 'express';
import { logsAt, type Logger } from '../log/logger';
import { capturedJsonBytes } from './json-value-capture';
import { factsOf } from './request-facts';
import { requestIdsOf } from './request-ids';

type Write = Response['write'];
type End = Response['end'];

/** `sampleRate`: the share of successful answers logged, 0 (none: no middleware, undefined) to 1. */
export function accessLog(logger: Logger, sampleRate: number, random: () => number = Math.random) {
  if (sampleRate <= 0 || !logsAt(logger, 'warn')) return undefined;
  const infoLines = logsAt(logger, 'info');
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const bytes = infoLines ? countBytes(res) : () => declaredBytes(res);
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      const status = res.writableFinished ? res.statusCode : 499; // 499: the client closed the connection first
      const warning = status >= 500 && status !== 501; // 501: the client asked for what is not implemented
      if (!warning && (!infoLines || (status < 400 && sampleRate < 1 && random() >= sampleRate))) return;
      const facts = factsOf(res);
      const line = {
        requestId: requestIdsOf(res).requestId, method: req.method, route: facts.route, operation: facts.operation,
        entitySet: facts.entitySet, status, durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        bytes: bytes(), callerAppId: facts.callerAppId,
      };
      if (warning) logger.warn('request', line);
      else logger.info('request', line);
    };
    res.once('finish', log);
    res.once('close', log);
    next();
  };
}

/** The body bytes the answer declared (0 for HEAD or none declared), for lines logged without counting the writes. */
function declaredBytes(res: Response): number {
  if (res.req.method === 'HEAD') return 0;
  const length = Number(res.getHeader('Content-Length') ?? Number.NaN);
  return (Number.isFinite(length) ? length : 0) + capturedJsonBytes(res);
}

/** Counts the body bytes as they go to the socket (after compression, which writes through these); a JSON answer kept
 * as a value (an inner request of a JSON batch) counts as its encoding. */
function countBytes(res: Response): () => number {
  let total = 0;
  const add = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === 'string') total += Buffer.byteLength(chunk, typeof encoding === 'string' ? encoding as BufferEncoding : 'utf8');
    else if (chunk instanceof Uint8Array) total += chunk.byteLength;
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.write = ((...args: unknown[]) => { add(args[0], args[1]); return write(...args); }) as Write;
  res.end = ((...args: unknown[]) => { if (typeof args[0] !== 'function') add(args[0], args[1]); return end(...args); }) as End;
  return () => (res.req.method === 'HEAD' ? 0 : total + capturedJsonBytes(res));
}

/** ACCESS_LOG: `on` (1), `off` (0) or a sample rate from 0 to 1; undefined when it is none of them. */
export function parseAccessLog(text: string): number | undefined {
  const value = text.toLowerCase();
  if (value === 'on') return 1;
  if (value === 'off') return 0;
  if (!/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(value)) return undefined;
  return Number(value);
}
