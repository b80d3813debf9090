// One inner request of a batch, dispatched in process into the gateway's phases for inner requests below the outer
// request's mount path: a Node IncomingMessage carrying the bytes and a ServerResponse whose output is kept instead of sent.
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import { presetBody } from '../http/json-body';
import { captureJsonValue } from '../http/json-value-capture';
import { constructorWithPrototype } from '../server/express-server-classes';

/**
 * Runs an inner request as the gateway runs its own requests, errors answered as Graph errors; calls `done` without
 * answering when the request is not the service's.
 */
export type InnerHandler = (req: Request, res: Response, done: NextFunction) => void;

export interface InnerRequest {
  readonly method: string;
  /** Path and query below the service root, starting with `/`. */
  readonly url: string;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
}

export interface InnerResponse {
  readonly status: number;
  /** As the router set them (their own casing); `Content-Length` left out. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** False when the router passed the request on without answering it (not the service's path). */
  readonly answered: boolean;
  /** With `captureJson`: the JSON answer as the value sendJson was given (`body` is then empty). */
  readonly json?: { readonly value: unknown };
}

export interface DispatchOptions {
  /** Keep a JSON answer as its value instead of its bytes (json-value-capture.ts): for a format that embeds it. */
  readonly captureJson?: boolean;
}

type Chunk = string | Uint8Array | undefined | ((error?: Error | null) => void);

export function dispatchInner(
  handler: InnerHandler, outer: Request, outerRes: Response, inner: InnerRequest, options: DispatchOptions = {},
): Promise<InnerResponse> {
  const req = innerRequest(outer, inner);
  const res = bornLike(ServerResponse, outerRes, req);
  Object.assign(req, { res });
  Object.assign(res, { req, locals: Object.create(null) as object });
  const captured = options.captureJson ? captureJsonValue(res as unknown as Response) : undefined;
  return new Promise<InnerResponse>((resolve) => {
    const chunks: Buffer[] = [];
    const keep = (chunk: Chunk, encoding?: unknown) => {
      if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? encoding as BufferEncoding : 'utf8'));
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    };
    res.write = ((chunk: Chunk, encoding?: unknown) => {
      if (!res.headersSent) res.writeHead(res.statusCode);
      keep(chunk, encoding);
      return true;
    }) as typeof res.write;
    res.end = ((chunk?: Chunk, encoding?: unknown) => {
      if (res.writableEnded) return res;
      if (!res.headersSent) res.writeHead(res.statusCode);
      keep(chunk, encoding);
      Object.assign(res, { finished: true });
      const json = captured?.answered ? { value: captured.value } : undefined;
      resolve({ status: res.statusCode, headers: headersOf(res), body: Buffer.concat(chunks), answered: true, json });
      process.nextTick(() => {
        res.emit('finish');
        res.emit('close');
      });
      return res;
    }) as typeof res.end;
    handler(req as unknown as Request, res as unknown as Response, () => {
      resolve({ status: 404, headers: {}, body: Buffer.alloc(0), answered: false });
    });
  });
}

function innerRequest(outer: Request, inner: InnerRequest): IncomingMessage {
  const req = bornLike(IncomingMessage, outer, new Socket());
  req.method = inner.method;
  req.url = inner.url;
  req.httpVersionMajor = 1;
  req.httpVersionMinor = 1;
  req.httpVersion = '1.1';
  req.headers = { ...inner.headers, ...(inner.body ? { 'content-length': String(inner.body.length) } : {}) };
  Object.assign(req, { baseUrl: outer.baseUrl, originalUrl: `${outer.baseUrl}${inner.url}` });
  if (inner.body) {
    req.push(inner.body);
    presetBody(req, inner.body); // a JSON body is taken from here, without a stream read
  }
  req.push(null);
  // The whole message is here: once read, Node must not take the request for aborted (it would destroy the socket
  // and build an ERR_STREAM_PREMATURE_CLOSE for every inner request).
  req.complete = true;
  return req;
}

/** A new Base with `like`'s prototype (Express's), born with it: see src/server/express-server-classes.ts. */
function bornLike<T extends object, A extends unknown[]>(Base: new (...args: A) => T, like: object, ...args: A): T {
  const prototype = Object.getPrototypeOf(like) as object;
  const Born = constructorWithPrototype(Base as unknown as new (...args: never[]) => T, prototype) as unknown as (new (...args: A) => T) | undefined;
  if (Born) return new Born(...args);
  return Object.setPrototypeOf(new Base(...args), prototype) as T;
}

function headersOf(res: ServerResponse): Record<string, string> {
  const headers: Record<string, string> = {};
  // Node's OutgoingMessage keeps each name as the router first set it (typed only on newer @types/node).
  for (const name of (res as unknown as { getRawHeaderNames(): string[] }).getRawHeaderNames()) {
    if (name.toLowerCase() === 'content-length') continue;
    const value = res.getHeader(name);
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
}
