// The Graph HTTP conventions the converter cannot know, as header parameters and response headers, each only where
// the service reads or sends it: `client-request-id` and `request-id` everywhere; `Prefer` where a preference is
// applied (paging, change tracking, return=, continue-on-error), with `Preference-Applied`; `Location` and
// `OData-EntityId` on creation; `ETag`, `If-Match` (required, else 428) and `If-None-Match` (304) on sets that
// declare Core.OptimisticConcurrency. `ConsistencyLevel` is not described: the service ignores it ($count and
// $search work without it).
import type { EntitySet, ServiceModel } from '../model/service-model';
import { createEntityTagger } from '../odata/entity-tag';
import { addCollectionLinks } from './collection-links';
import type { OpenApiJson } from './openapi-json';

const HEADERS: Readonly<Record<string, string>> = {
  'request-id': 'The id the service gave this request (also in an error\'s innerError); quote it when asking for support.',
  'client-request-id': 'The client-request-id the caller sent, echoed when it is 1 to 128 printable ASCII characters.',
  Location: 'The URL of the new entity.',
  'OData-EntityId': 'The URL of the new entity (with Prefer: return=minimal).',
  ETag: 'The entity\'s strong entity tag, for If-Match and If-None-Match.',
  'Preference-Applied': 'The preferences of the Prefer header that the service applied.',
};

/** Headers on every answer that has them at all (client-request-id only when the caller sent one). */
const ALWAYS_SENT = new Set(['request-id', 'Location', 'OData-EntityId']);

const header = (name: string) => ({ $ref: `#/components/headers/${name}` });
const parameter = (name: string) => ({ $ref: `#/components/parameters/${name}` });

/** Response headers every answer of the service carries (the error response component gets them too). */
export const COMMON_RESPONSE_HEADERS: OpenApiJson = { 'request-id': header('request-id'), 'client-request-id': header('client-request-id') };

type PathKind = 'collection' | 'entity' | 'delta' | 'batch';

export function addGraphHeaders(document: OpenApiJson, model: ServiceModel): void {
  const components = document.components as Record<string, OpenApiJson>;
  components.headers = Object.fromEntries(Object.entries(HEADERS).map(([name, description]) =>
    [name, { description, ...(ALWAYS_SENT.has(name) ? { required: true } : {}), schema: { type: 'string' } }]));
  components.parameters = {
    ...components.parameters,
    'client-request-id': { name: 'client-request-id', in: 'header', description: 'A caller-chosen id, echoed in the client-request-id response header and in error bodies.', schema: { type: 'string', maxLength: 128 } },
  };
  const paths = (document.paths ?? {}) as Record<string, Record<string, OpenApiJson>>;
  const kinds = Object.keys(paths).map((path) => [path, classify(model, path)?.kind] as const);
  addCollectionLinks(document, kinds.filter(([, kind]) => kind === 'collection').map(([path]) => path), kinds.filter(([, kind]) => kind === 'delta').map(([path]) => path));
  for (const [path, item] of Object.entries(paths)) {
    const place = classify(model, path);
    for (const [method, operation] of Object.entries(item)) {
      if (method === 'parameters' || typeof operation !== 'object') continue;
      operation.parameters = [...((operation.parameters as unknown[] | undefined) ?? []), parameter('client-request-id')];
      if (place !== undefined) describeOperation(operation, method, place.kind, place.set);
      for (const [status, response] of Object.entries(operation.responses as Record<string, OpenApiJson>)) {
        if (response.$ref === undefined) response.headers = { ...COMMON_RESPONSE_HEADERS, ...(response.headers as OpenApiJson | undefined) };
        if (status === '304') delete response.content;
      }
    }
  }
}

function classify(model: ServiceModel, path: string): { kind: PathKind; set?: EntitySet } | undefined {
  if (path === '/$batch') return { kind: 'batch' };
  for (const set of model.entitySets) {
    if (path === `/${set.name}`) return { kind: 'collection', set };
    const rest = path.slice(set.name.length + 1);
    if (!path.startsWith(`/${set.name}`)) continue;
    if (/^(\/\{[^/]+\}|\('\{[^/]+\}'\)|\(\{[^/]+\}\))$/.test(rest)) return { kind: 'entity', set };
    if (/^\/([\w.]+\.)?delta(\(\))?$/.test(rest)) return { kind: 'delta', set };
  }
  return undefined;
}

function prefer(description: string): OpenApiJson {
  return { name: 'Prefer', in: 'header', description, schema: { type: 'string' } };
}

function describeOperation(operation: OpenApiJson, method: string, kind: PathKind, set: EntitySet | undefined): void {
  const tagged = set !== undefined && createEntityTagger(set) !== undefined;
  const add = (...parameters: OpenApiJson[]) => { operation.parameters = [...(operation.parameters as unknown[]), ...parameters]; };
  const responses = operation.responses as Record<string, OpenApiJson>;
  const withHeaders = (status: string, ...names: string[]) => {
    const response = responses[status];
    if (response === undefined || response.$ref !== undefined) return;
    response.headers = { ...(response.headers as OpenApiJson | undefined), ...Object.fromEntries(names.map((name) => [name, header(name)])) };
  };
  if (kind === 'collection' && method === 'get') {
    add(prefer(`odata.maxpagesize=N (or maxpagesize=N) lowers the page size${set?.changeTracking ? '; odata.track-changes answers the first delta round' : ''}.`));
    withHeaders('200', 'Preference-Applied');
  } else if (kind === 'delta' && method === 'get') {
    add(prefer('odata.maxpagesize=N (or maxpagesize=N) lowers the page size.'));
    withHeaders('200', 'Preference-Applied');
  } else if (kind === 'collection' && method === 'post') {
    add(prefer('return=minimal answers 204 without a body; return=representation (the default) answers 201 with the entity.'));
    responses['204'] = { description: 'Created (Prefer: return=minimal)' };
    withHeaders('201', 'Location', ...(tagged ? ['ETag'] : []), 'Preference-Applied');
    withHeaders('204', 'Location', 'OData-EntityId', ...(tagged ? ['ETag'] : []), 'Preference-Applied');
  } else if (kind === 'entity') {
    describeEntityOperation(operation, method, tagged, add, withHeaders);
  } else if (kind === 'batch') {
    add(prefer('continue-on-error (or odata.continue-on-error): answered with Preference-Applied; every request runs whatever another answered, with or without it.'));
    withHeaders('200', 'Preference-Applied');
  }
}

type Add = (...parameters: OpenApiJson[]) => void;
type WithHeaders = (status: string, ...names: string[]) => void;

function describeEntityOperation(operation: OpenApiJson, method: string, tagged: boolean, add: Add, withHeaders: WithHeaders): void {
  const responses = operation.responses as Record<string, OpenApiJson>;
  if (method === 'get' && tagged) {
    add({ name: 'If-None-Match', in: 'header', description: 'The entity\'s ETag: 304 while it is unchanged.', schema: { type: 'string' } });
    responses['304'] = { description: 'Not modified: the entity still has the ETag of If-None-Match' };
    withHeaders('200', 'ETag');
    withHeaders('304', 'ETag');
  }
  if ((method === 'patch' || method === 'delete') && tagged) {
    add({ name: 'If-Match', in: 'header', required: true, description: 'The entity\'s current ETag, or *: 412 when it changed, 428 when absent.', schema: { type: 'string' } });
  }
  if (method === 'patch') {
    add(prefer('return=representation answers 200 with the changed entity; otherwise 204.'));
    const entity = (operation.responses as Record<string, OpenApiJson>)['204'];
    responses['200'] = { description: 'Changed entity (Prefer: return=representation)', content: entityContent(operation) };
    withHeaders('200', ...(tagged ? ['ETag'] : []), 'Preference-Applied');
    if (entity !== undefined) withHeaders('204', ...(tagged ? ['ETag'] : []));
  }
}

/** The entity schema of a PATCH's 200: the request body's `-update` schema names the entity type's schema. */
function entityContent(operation: OpenApiJson): OpenApiJson {
  const body = operation.requestBody as { content?: Record<string, { schema?: { $ref?: string } }> } | undefined;
  const ref = body?.content?.['application/json']?.schema?.$ref?.replace(/-update$/, '');
  return { 'application/json': { schema: ref === undefined ? { type: 'object' } : { $ref: ref } } };
}
