// An answer's JSON value kept, not encoded, for a caller that runs the request in process and embeds the value in an
// answer of its own (a JSON batch's inner request): sendJson hands the value over and ends the response without a body,
// and the access log's byte count encodes the value only when it writes a line.
import type { Response } from 'express';

const CAPTURE = Symbol('JSON value capture');

/** What sendJson handed over: `value` set once it answered with JSON. */
export interface CapturedJson {
  answered: boolean;
  value?: unknown;
}

/** Asks sendJson to keep the value of this response's JSON answer; called before the request runs. */
export function captureJsonValue(res: Response): CapturedJson {
  const captured: CapturedJson = { answered: false };
  (res.locals as Record<symbol, unknown>)[CAPTURE] = captured;
  return captured;
}

/** The capture asked for on this response, if any. */
export function jsonCaptureOf(res: Response): CapturedJson | undefined {
  return (res.locals as Record<symbol, CapturedJson | undefined>)[CAPTURE];
}

/** Bytes of a captured JSON answer as sendJson would have encoded it; 0 when none was captured. */
export function capturedJsonBytes(res: Response): number {
  const captured = jsonCaptureOf(res);
  return captured?.answered ? Buffer.byteLength(JSON.stringify(captured.value), 'utf8') : 0;
}
