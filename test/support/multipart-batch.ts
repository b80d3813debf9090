// Multipart batch bodies for tests: written from plain descriptions, and the multipart answer read back by splitting on
// its own boundary (test code only, deliberately independent of the service's parser).
import request from 'supertest';
import type { Express } from 'express';

export interface PartRequest {
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  readonly contentId?: string;
}
export type BatchPart = PartRequest | { readonly changeSet: readonly PartRequest[] };

export interface HttpAnswer {
  readonly contentId?: string;
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}
export type AnswerPart = HttpAnswer | { readonly changeSet: readonly HttpAnswer[] };

export function isChangeSet(part: AnswerPart): part is { readonly changeSet: readonly HttpAnswer[] };
export function isChangeSet(part: BatchPart): part is { readonly changeSet: readonly PartRequest[] };
export function isChangeSet(part: AnswerPart | BatchPart): boolean {
  return 'changeSet' in part;
}

export function httpPart(part: PartRequest): Buffer {
  const head = [`Content-Type: application/http`, 'Content-Transfer-Encoding: binary', ...(part.contentId ? [`Content-ID: ${part.contentId}`] : []), '', ''];
  const lines = [`${part.method} ${part.url} HTTP/1.1`, ...Object.entries(part.headers ?? {}).map(([name, value]) => `${name}: ${value}`), '', ''];
  return Buffer.concat([Buffer.from(head.join('\r\n') + lines.join('\r\n'), 'latin1'), Buffer.from(part.body ?? '')]);
}

export function multipartBody(boundary: string, parts: readonly Buffer[]): Buffer {
  return Buffer.concat([...parts.flatMap((part) => [Buffer.from(`--${boundary}\r\n`), part, Buffer.from('\r\n')]), Buffer.from(`--${boundary}--\r\n`)]);
}

export function batchBody(parts: readonly BatchPart[], boundary = 'batch_b1'): Buffer {
  return multipartBody(boundary, parts.map((part, index) => (isChangeSet(part)
    ? Buffer.concat([Buffer.from(`Content-Type: multipart/mixed; boundary=changeset_${index}\r\n\r\n`), multipartBody(`changeset_${index}`, part.changeSet.map(httpPart))])
    : httpPart(part))));
}

export function sendMultipart(app: Express, body: Buffer, headers: Record<string, string> = {}, boundary = 'batch_b1') {
  const test = request(app).post('/beta/$batch').set('Content-Type', `multipart/mixed; boundary=${boundary}`);
  for (const [name, value] of Object.entries(headers)) test.set(name, value);
  return test.buffer(true).parse(rawParser as never).send(body);
}

export function rawParser(res: NodeJS.ReadableStream, done: (error: Error | null, body: unknown) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** The parts of a multipart/mixed answer, change sets nested. */
export function readAnswer(contentType: string, body: Buffer): AnswerPart[] {
  return split(body, boundaryIn(contentType)).map((part) => {
    const { headers, rest } = headersOf(part);
    if (headers['content-type']?.startsWith('multipart/mixed')) {
      return { changeSet: split(rest, boundaryIn(headers['content-type'])).map((inner) => httpAnswer(inner)) };
    }
    return httpAnswer(part);
  });
}

function boundaryIn(contentType: string): string {
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
  if (boundary === undefined) throw new Error(`no boundary in ${contentType}`);
  return boundary;
}

function split(body: Buffer, boundary: string): Buffer[] {
  const text = body.toString('latin1');
  const close = text.indexOf(`\r\n--${boundary}--`);
  if (!text.startsWith(`--${boundary}\r\n`) || close < 0) throw new Error(`not a multipart body with boundary ${boundary}: ${text.slice(0, 200)}`);
  return text.slice(0, close).split(`--${boundary}\r\n`).slice(1).map((part) => Buffer.from(part.replace(/\r\n$/, ''), 'latin1'));
}

function headersOf(part: Buffer): { headers: Record<string, string>; rest: Buffer } {
  const end = part.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of part.subarray(0, end).toString('latin1').split('\r\n').filter(Boolean)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, rest: part.subarray(end + 4) };
}

function httpAnswer(part: Buffer): HttpAnswer {
  const outer = headersOf(part);
  const lineEnd = outer.rest.indexOf('\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(outer.rest.subarray(0, lineEnd).toString('latin1'))?.[1]);
  const inner = headersOf(outer.rest.subarray(lineEnd + 2).includes('\r\n\r\n') ? outer.rest.subarray(lineEnd + 2) : Buffer.from('\r\n\r\n'));
  const startsEmpty = outer.rest.subarray(lineEnd + 2, lineEnd + 4).toString() === '\r\n';
  const headers = startsEmpty ? {} : inner.headers;
  const body = startsEmpty ? outer.rest.subarray(lineEnd + 4) : inner.rest;
  return { ...(outer.headers['content-id'] ? { contentId: outer.headers['content-id'] } : {}), status, headers, body };
}

export const jsonOf = (answer: HttpAnswer): Record<string, unknown> => JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>;
