// The body of an OData 4.0 multipart batch (Protocol 11.7.7), checked whole before anything runs: individual requests
// and change sets, each request an `application/http` part. A malformed batch is one 400 and writes nothing.
import { BadRequestError } from '../errors/graph-error';
import { MAX_BATCH_REQUESTS, type BatchStep } from './batch-request';
import { innerUrl } from './batch-url';
import { readHttpRequest } from './http-message';
import { boundaryOf, readParts, type MimePart } from './multipart-parts';

/** An individual request (one step), or a change set (its steps, applied all or none). */
export interface MultipartItem {
  readonly changeSet: boolean;
  readonly steps: readonly BatchStep[];
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
/** Set by the batch for each inner request (as in JSON batches), or part headers rather than request headers. */
const OWN_HEADERS = new Set(['content-length', 'host', 'connection', 'accept-encoding', 'content-id']);
/** Protocol 11.7.7.1: a part MUST NOT include these; chunked bodies are not taken (a processor MAY refuse them). */
const REFUSED_HEADERS = new Set(['authorization', 'proxy-authorization', 'expect', 'from', 'max-forwards', 'range', 'te', 'transfer-encoding']);
/** Top-level system resources: `$metadata` is always the metadata document, even with a request 'metadata' (11.7.4). */
const SYSTEM_RESOURCES = new Set(['batch', 'crossjoin', 'all', 'entity', 'root', 'id', 'metadata']);
/** OData ABNF `request-id = 1*unreserved`. */
const REQUEST_ID = /^[A-Za-z0-9._~-]+$/;

interface ReadPart { readonly part: MimePart; readonly target: string; readonly changeSet?: number }

export function readMultipartBatch(body: Buffer, contentType: string, serviceRoot: string): MultipartItem[] {
  const parts = readParts(body, boundaryOf(contentType, 'batch'), MAX_BATCH_REQUESTS, 'batch');
  if (parts.length === 0) throw new BadRequestError('A multipart batch must hold at least one request.', { target: 'batch' });
  const groups: ReadPart[][] = parts.map((part, index) => (part.type === 'multipart/mixed'
    ? changeSetParts(part, index)
    : [{ part, target: `batch part ${index + 1}` }]));
  const count = groups.reduce((total, group) => total + group.length, 0);
  if (count > MAX_BATCH_REQUESTS) {
    throw new BadRequestError(`A batch may hold at most ${MAX_BATCH_REQUESTS} requests; this one holds ${count}.`, { target: 'batch' });
  }
  const requests = groups.map((group) => group.map((read) => readRequest(read, serviceRoot)));
  const ids = new Set<string>();
  for (const request of requests.flat()) {
    if (ids.has(request.id)) throw new BadRequestError(`The Content-ID '${request.id}' is used by more than one request of the batch.`, { target: request.target });
    if (request.id !== '') ids.add(request.id);
  }
  return withReferences(requests).map((steps, index) => ({ changeSet: parts[index]!.type === 'multipart/mixed', steps }));
}

function changeSetParts(part: MimePart, index: number): ReadPart[] {
  const target = `change set ${index + 1}`;
  const members = readParts(part.body, boundaryOf(part.headers['content-type'] ?? '', target), MAX_BATCH_REQUESTS, target);
  if (members.length === 0) throw new BadRequestError('A change set must hold at least one request.', { target });
  return members.map((member, memberIndex) => {
    const memberTarget = `${target}, part ${memberIndex + 1}`;
    if (member.type === 'multipart/mixed') throw new BadRequestError('A change set must not contain another change set.', { target: memberTarget });
    return { part: member, target: memberTarget, changeSet: index };
  });
}

interface RequestRead extends Omit<BatchStep, 'reference' | 'dependsOn'> { readonly target: string }

function readRequest({ part, target, changeSet }: ReadPart, serviceRoot: string): RequestRead {
  if (part.type !== 'application/http') {
    throw new BadRequestError(`Each batch part must be application/http or a multipart/mixed change set, not '${part.headers['content-type'] ?? 'none'}'.`, { target });
  }
  const encoding = part.headers['content-transfer-encoding'];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'binary') {
    throw new BadRequestError('A batch part\'s Content-Transfer-Encoding must be binary.', { target });
  }
  const message = readHttpRequest(part.body, target);
  if (!METHODS.has(message.method)) throw new BadRequestError(`A batch request's method must be one of ${[...METHODS].join(', ')}.`, { target });
  if (changeSet !== undefined && message.method === 'GET') {
    throw new BadRequestError('A change set holds data modification requests only; a GET belongs outside it.', { target });
  }
  const id = (part.headers['content-id'] ?? message.headers['content-id'] ?? '').trim();
  if (id !== '' && !REQUEST_ID.test(id)) throw new BadRequestError(`The Content-ID '${id}' must be letters, digits, '-', '.', '_' or '~'.`, { target });
  if (id === '' && changeSet !== undefined) throw new BadRequestError('Each request of a change set needs a Content-ID.', { target });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (REFUSED_HEADERS.has(name)) throw new BadRequestError(`A batch part's request must not carry a ${name} header.`, { target });
    if (!OWN_HEADERS.has(name)) headers[name] = value;
  }
  const host = message.headers.host;
  const url = host !== undefined && message.target.startsWith('/') ? `${new URL(serviceRoot).protocol}//${host}${message.target}` : message.target;
  return {
    id, key: id === '' ? `#${target}` : id, method: message.method, url: innerUrl(url, serviceRoot, target), headers,
    ...(message.body.length > 0 ? { body: message.body } : {}), target,
  };
}

/**
 * `$<Content-ID>` as the first URL segment names the entity an earlier request created: in the same change set, or
 * (ReferencesAcrossChangeSetsSupported) in an earlier change set or individual request. A later request is refused;
 * a name that is no request's Content-ID is an ordinary path.
 */
function withReferences(groups: readonly (readonly RequestRead[])[]): BatchStep[][] {
  const earlier = new Set<string>();
  return groups.map((group) => group.map((request) => {
    const { target, ...step } = request;
    const name = /^\/\$([^/?(]+)/.exec(step.url)?.[1];
    const reference = name !== undefined && !SYSTEM_RESOURCES.has(name) && groups.flat().some((other) => other.id === name) ? name : undefined;
    if (reference !== undefined && !earlier.has(reference)) {
      throw new BadRequestError(`The url refers to $${reference}, which is not an earlier request of the batch.`, { target });
    }
    if (step.id !== '') earlier.add(step.id);
    return reference === undefined ? { ...step, dependsOn: [] } : { ...step, dependsOn: [reference], reference };
  }));
}
