// The body of a Graph JSON batch, checked whole before anything runs: a malformed batch is one 400 and writes nothing.
import { BadRequestError } from '../errors/graph-error';
import { addToScope, newBatchScope, readDependsOn, readGroup, type BatchScope } from './batch-scope';
import { innerUrl } from './batch-url';

/** Graph's limit of requests in one JSON batch. */
export const MAX_BATCH_REQUESTS = 20;

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * Set by the batch for each inner request, never taken from the batch body. Accept-Encoding too: an inner body is a
 * JSON value inside the batch response (which the outer request's own Accept-Encoding may compress), never bytes.
 */
const OWN_HEADERS = new Set(['authorization', 'content-length', 'transfer-encoding', 'host', 'connection', 'accept-encoding']);

export interface BatchStep {
  readonly id: string;
  /** The id in lower case: ids are unique regardless of case, as on Graph. */
  readonly key: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  /** Keys (lower case) of earlier steps or atomicity groups. */
  readonly dependsOn: readonly string[];
  /** `$<id>` at the start of the URL: the key of the earlier step whose created entity's URL it stands for. */
  readonly reference?: string;
  /**
   * OData 4.01 atomicity group, as the client wrote it (echoed in the response): adjacent steps with the same name
   * (compared without case) run in one database transaction, all applied or none.
   */
  readonly atomicityGroup?: string;
}

/** The key of a step's atomicity group (group names are compared without case, as ids are). */
export const groupKeyOf = (step: BatchStep): string | undefined => step.atomicityGroup?.toLowerCase();

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function readBatch(body: unknown, serviceRoot: string): BatchStep[] {
  if (!isObject(body)) throw new BadRequestError('A batch body must be a JSON object with a "requests" array.');
  const unknown = Object.keys(body).filter((name) => name !== 'requests');
  if (unknown.length > 0) throw new BadRequestError(`A batch body has no member '${unknown[0]}'.`, { target: unknown[0] });
  const requests = body.requests;
  if (!Array.isArray(requests) || requests.length === 0) {
    throw new BadRequestError('A batch body must have a non-empty "requests" array.', { target: 'requests' });
  }
  if (requests.length > MAX_BATCH_REQUESTS) {
    throw new BadRequestError(`A batch may hold at most ${MAX_BATCH_REQUESTS} requests; this one holds ${requests.length}.`, { target: 'requests' });
  }
  const scope = newBatchScope();
  return requests.map((request, index) => {
    const step = readStep(request, `requests[${index}]`, scope, serviceRoot);
    addToScope(scope, step.key, groupKeyOf(step));
    return step;
  });
}

const MEMBERS = ['id', 'method', 'url', 'headers', 'body', 'dependsOn', 'atomicityGroup'];

function readStep(request: unknown, target: string, scope: BatchScope, serviceRoot: string): BatchStep {
  if (!isObject(request)) throw new BadRequestError('Each batch request must be a JSON object.', { target });
  const extra = Object.keys(request).find((name) => !MEMBERS.includes(name));
  if (extra !== undefined) throw new BadRequestError(`A batch request has no member '${extra}'.`, { target: `${target}.${extra}` });
  const { id, method, url } = request;
  if (typeof id !== 'string' || id.trim() === '') throw new BadRequestError('Each batch request needs a non-empty string "id".', { target: `${target}.id` });
  const key = id.toLowerCase();
  if (scope.ids.has(key)) throw new BadRequestError(`The id '${id}' is used by more than one batch request (ids are compared without case).`, { target: `${target}.id` });
  if (typeof method !== 'string' || !METHODS.has(method.toUpperCase())) {
    throw new BadRequestError(`A batch request's "method" must be one of ${[...METHODS].join(', ')}.`, { target: `${target}.method` });
  }
  if (typeof url !== 'string') throw new BadRequestError('Each batch request needs a string "url".', { target: `${target}.url` });
  const headers = readHeaders(request.headers, `${target}.headers`);
  const path = innerUrl(url, serviceRoot, `${target}.url`);
  const group = readGroup(request.atomicityGroup, key, scope, target);
  const dependsOn = readDependsOn(request.dependsOn, group, scope, `${target}.dependsOn`);
  return {
    id, key, method: method.toUpperCase(), url: path, headers, body: readBody(request, headers, target), dependsOn,
    reference: readReference(path, scope, dependsOn, `${target}.url`),
    ...(group === undefined ? {} : { atomicityGroup: request.atomicityGroup as string }),
  };
}

/**
 * OData 4.01 JSON batch: a URL starting with `$<id>` of an earlier request it depends on (directly, or through that
 * request's atomicity group) is that request's entity.
 */
function readReference(path: string, scope: BatchScope, dependsOn: readonly string[], target: string): string | undefined {
  const name = /^\/\$([^/?(]+)/.exec(path)?.[1];
  const key = name === undefined ? undefined : safeDecode(name).toLowerCase();
  if (key === undefined || !scope.ids.has(key)) return undefined;
  const group = scope.groupOf.get(key);
  if (!dependsOn.includes(key) && (group === undefined || !dependsOn.includes(group))) throw new BadRequestError(`The url refers to $${name}, which "dependsOn" must name.`, { target });
  return key;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function readHeaders(value: unknown, target: string): Record<string, string> {
  if (value === undefined) return {};
  if (!isObject(value)) throw new BadRequestError('A batch request\'s "headers" must be an object of strings.', { target });
  const headers: Record<string, string> = {};
  for (const [name, text] of Object.entries(value)) {
    if (typeof text !== 'string' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || /[\r\n\u0000]/.test(text)) {
      throw new BadRequestError(`The header '${name}' of a batch request must be a valid name with a string value.`, { target: `${target}.${name}` });
    }
    if (!OWN_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = text;
  }
  return headers;
}

/** JSON bodies are sent as JSON; a string body of another media type is its base64 bytes (as on Graph). */
function readBody(request: Json, headers: Readonly<Record<string, string>>, target: string): Buffer | undefined {
  if (!('body' in request) || request.body === undefined) return undefined;
  const type = headers['content-type'];
  if (type === undefined) throw new BadRequestError('A batch request with a body needs a Content-Type header.', { target: `${target}.headers` });
  if (/^application\/(?:[\w.+-]*\+)?json\b/i.test(type.trim())) return Buffer.from(JSON.stringify(request.body), 'utf8');
  if (typeof request.body !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(request.body)) {
    throw new BadRequestError('A batch request body that is not JSON must be a base64 string.', { target: `${target}.body` });
  }
  return Buffer.from(request.body, 'base64');
}
