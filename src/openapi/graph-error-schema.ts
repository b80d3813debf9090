// Graph's error body in the OpenAPI document: the `microsoft.graph.ODataErrors.*` schemas in the shape Graph's own
// OpenAPI description gives them, as the answer of every operation's 4XX and 5XX, in place of the converter's generic
// OData error (which names `innererror`, where Graph and this service send `innerError`).
import type { OpenApiJson } from './openapi-json';

const PREFIX = 'microsoft.graph.ODataErrors';
export const ODATA_ERROR_SCHEMA = `${PREFIX}.ODataError`;
export const ERROR_RESPONSE = 'error';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** `nullable` in 3.0, a type list in 3.1 (which has no `nullable`). */
function nullableString(version31: boolean, extra: OpenApiJson = {}): OpenApiJson {
  return version31 ? { type: ['string', 'null'], ...extra } : { type: 'string', nullable: true, ...extra };
}

function errorSchemas(version31: boolean): Record<string, OpenApiJson> {
  return {
    [ODATA_ERROR_SCHEMA]: { title: 'ODataError', type: 'object', required: ['error'], properties: { error: ref(`${PREFIX}.MainError`) } },
    [`${PREFIX}.MainError`]: {
      title: 'MainError', type: 'object', required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'Graph\'s error code, e.g. badRequest, invalidAuthenticationToken, request_ResourceNotFound.' },
        message: { type: 'string' },
        target: nullableString(version31, { description: 'The part of the request the error is about, e.g. a query option or a property.' }),
        details: { type: 'array', items: ref(`${PREFIX}.ErrorDetails`) },
        innerError: ref(`${PREFIX}.InnerError`),
      },
    },
    [`${PREFIX}.ErrorDetails`]: {
      title: 'ErrorDetails', type: 'object', required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, target: nullableString(version31) },
    },
    [`${PREFIX}.InnerError`]: {
      title: 'InnerError', type: 'object',
      properties: {
        'request-id': nullableString(version31, { description: 'The request-id response header of this answer.' }),
        'client-request-id': nullableString(version31, { description: 'The client-request-id the caller sent, echoed.' }),
        // Graph sends the date as UTC to the second without an offset, which is not an RFC 3339 date-time: a pattern says so.
        date: nullableString(version31, { description: 'When the error occurred, UTC, to the second, without offset (as Graph sends it).', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$' }),
      },
    },
  };
}

/** Replaces the converter's error schema and response with Graph's; every operation answers 4XX and 5XX with it. */
export function addGraphErrors(document: OpenApiJson, version31: boolean, headers: OpenApiJson): void {
  const components = document.components as Record<string, Record<string, unknown>>;
  delete components.schemas.error;
  Object.assign(components.schemas, errorSchemas(version31));
  components.responses = {
    ...components.responses,
    [ERROR_RESPONSE]: {
      description: 'Graph\'s error body (OData JSON error format with Graph\'s innerError)',
      headers,
      content: { 'application/json': { schema: ref(ODATA_ERROR_SCHEMA) } },
    },
  };
  const error = { $ref: `#/components/responses/${ERROR_RESPONSE}` };
  for (const operation of operationsOf(document)) {
    const responses = operation.responses as OpenApiJson;
    responses['4XX'] = error;
    responses['5XX'] = error;
  }
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

/** Every operation object of the document. */
export function operationsOf(document: OpenApiJson): OpenApiJson[] {
  const paths = (document.paths ?? {}) as Record<string, Record<string, OpenApiJson>>;
  return Object.values(paths).flatMap((item) => Object.entries(item).filter(([method]) => METHODS.has(method)).map(([, operation]) => operation));
}
