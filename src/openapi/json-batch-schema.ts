// POST /$batch as the service implements it: Graph's JSON batching (the CSDL's BatchSupport says JSON only), in place
// of the converter's multipart/mixed description, which the service would refuse.
import type { OpenApiJson } from './openapi-json';
import { MAX_BATCH_REQUESTS } from '../batch/batch-request';

const stringMap = { type: 'object', additionalProperties: { type: 'string' } };

const BATCH_REQUEST: OpenApiJson = {
  title: 'BatchRequest', type: 'object', required: ['requests'], additionalProperties: false,
  properties: {
    requests: {
      type: 'array', minItems: 1, maxItems: MAX_BATCH_REQUESTS,
      items: {
        type: 'object', required: ['id', 'method', 'url'],
        properties: {
          id: { type: 'string' }, method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
          url: { type: 'string', description: 'Relative to the service root, e.g. /privilegedOperationEvents; $<id> names the entity an earlier request created.' },
          headers: stringMap, body: {}, dependsOn: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
};

const BATCH_RESPONSE: OpenApiJson = {
  title: 'BatchResponse', type: 'object', required: ['responses'],
  properties: {
    responses: {
      type: 'array',
      items: { type: 'object', required: ['id', 'status'], properties: { id: { type: 'string' }, status: { type: 'integer' }, headers: stringMap, body: {} } },
    },
  },
};

export function describeJsonBatch(document: OpenApiJson): void {
  const paths = document.paths as Record<string, Record<string, OpenApiJson>> | undefined;
  const operation = paths?.['/$batch']?.post;
  if (operation === undefined) return;
  const schemas = (document.components as Record<string, OpenApiJson>).schemas;
  Object.assign(schemas, { BatchRequest: BATCH_REQUEST, BatchResponse: BATCH_RESPONSE });
  operation.description = 'Graph\'s JSON batching: up to 20 requests, run in order of dependsOn, each answered in the responses array.';
  operation.requestBody = { required: true, description: 'Batch request', content: { 'application/json': { schema: { $ref: '#/components/schemas/BatchRequest' } } } };
  const responses = operation.responses as Record<string, OpenApiJson>;
  responses['200'] = { description: 'Batch response', content: { 'application/json': { schema: { $ref: '#/components/schemas/BatchResponse' } } } };
}
