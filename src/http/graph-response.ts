// Writes JSON responses in Graph's shape: the OData JSON content type and the Graph error body.
import type { Response } from 'express';
import type { GraphError } from '../errors/graph-error';
import { jsonCaptureOf } from './json-value-capture';
import { requestIdsOf } from './request-ids';

export type MetadataLevel = 'minimal' | 'full' | 'none';

export function jsonContentType(metadata: MetadataLevel = 'minimal'): string {
  return `application/json;odata.metadata=${metadata};odata.streaming=true;IEEE754Compatible=false;charset=utf-8`;
}

export function sendJson(res: Response, status: number, body: unknown, metadata: MetadataLevel = 'minimal'): void {
  res.status(status).setHeader('Content-Type', jsonContentType(metadata));
  const captured = jsonCaptureOf(res);
  if (captured !== undefined) { // run in process for an answer that embeds the value (json-value-capture.ts)
    captured.answered = true;
    captured.value = body;
    res.end();
    return;
  }
  // One UTF-8 encoding, here: the phases that wrap res.end (Content-Length, compression's threshold, the access log's
  // byte count) then read the length instead of scanning the text again, and the socket write copies no string.
  res.end(Buffer.from(JSON.stringify(body), 'utf8'));
}

/** Graph's error body: code and message always, target and details when known, innerError with the ids. */
export function sendGraphError(res: Response, error: GraphError): void {
  const ids = requestIdsOf(res);
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  sendJson(res, error.status, {
    error: {
      code: error.code,
      message: error.message,
      ...(error.target !== undefined ? { target: error.target } : {}),
      ...(error.details.length > 0 ? { details: error.details } : {}),
      innerError: {
        date: new Date().toISOString().slice(0, 19),
        'request-id': ids.requestId,
        ...(ids.clientRequestId !== undefined ? { 'client-request-id': ids.clientRequestId } : {}),
      },
    },
  });
}
