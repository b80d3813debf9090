// The multipart/mixed response to a multipart batch (Protocol 11.7.7.4): one `application/http` part per request, a
// change set as a nested multipart/mixed (or, when it failed, the single error response of its failing request),
// `Content-ID` echoed, each part's bytes exactly the inner response.
import { randomUUID } from 'node:crypto';
import { writeHttpResponse } from './http-message';
import type { ItemOutcome } from './run-multipart-batch';
import type { StepOutcome } from './run-batch';

export interface MultipartBody {
  readonly contentType: string;
  readonly body: Buffer;
}

export function writeMultipartBatch(items: readonly ItemOutcome[]): MultipartBody {
  const boundary = `batchresponse_${randomUUID()}`;
  const parts = items.map((item) => (item.item.changeSet && !item.failed ? changeSetPart(item.outcomes) : httpPart(item.outcomes[0]!)));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat([multipart(boundary, parts), Buffer.from('\r\n')]) };
}

function changeSetPart(outcomes: readonly StepOutcome[]): Buffer {
  const boundary = `changesetresponse_${randomUUID()}`;
  const head = Buffer.from(`Content-Type: multipart/mixed; boundary=${boundary}\r\n\r\n`, 'latin1');
  return Buffer.concat([head, multipart(boundary, outcomes.map(httpPart))]);
}

function httpPart(outcome: StepOutcome): Buffer {
  const contentId = outcome.step.id === '' ? '' : `Content-ID: ${outcome.step.id}\r\n`;
  const head = Buffer.from(`Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n${contentId}\r\n`, 'latin1');
  // The inner response's bytes, or the batch's own Graph error for the request (batch-outcomes.ts) as JSON.
  const body = Buffer.isBuffer(outcome.body) ? outcome.body : Buffer.from(outcome.body === undefined ? '' : JSON.stringify(outcome.body), 'utf8');
  return Buffer.concat([head, writeHttpResponse(outcome.status, outcome.headers, body)]);
}

/**
 * Each part after `--boundary CRLF`, the CRLF before every delimiter belonging to the delimiter (RFC 2046 5.1.1); it
 * ends with the close delimiter, so a change set's is followed at once by the outer delimiter, as in §11.7.7.4.
 */
function multipart(boundary: string, parts: readonly Buffer[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) chunks.push(Buffer.from(`--${boundary}\r\n`, 'latin1'), part, Buffer.from('\r\n', 'latin1'));
  chunks.push(Buffer.from(`--${boundary}--`, 'latin1'));
  return Buffer.concat(chunks);
}
