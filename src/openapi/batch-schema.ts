// POST /$batch as the service implements it (the CSDL's BatchSupport/SupportedFormats, checked by test/capabilities):
// Graph's JSON batching with OData 4.01's atomicityGroup, and OData 4.0 multipart/mixed batches with change sets.
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
          atomicityGroup: { type: 'string', description: 'OData 4.01: adjacent requests of one group commit together or not at all.' },
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
      items: {
        type: 'object', required: ['id', 'status'],
        properties: { id: { type: 'string' }, status: { type: 'integer' }, headers: stringMap, body: {}, atomicityGroup: { type: 'string' } },
      },
    },
  },
};

/** An OData 4.0 multipart batch: its parts are HTTP messages, which a JSON schema does not describe. */
const MULTIPART = { 'multipart/mixed': { schema: { type: 'string', description: 'OData 4.0 multipart batch (application/http parts, change sets as nested multipart/mixed)' } } };

export function describeBatch(document: OpenApiJson): void {
  const paths = document.paths as Record<string, Record<string, OpenApiJson>> | undefined;
  const operation = paths?.['/$batch']?.post;
  if (operation === undefined) return;
  const schemas = (document.components as Record<string, OpenApiJson>).schemas;
  Object.assign(schemas, { BatchRequest: BATCH_REQUEST, BatchResponse: BATCH_RESPONSE });
  operation.description = `Graph's JSON batching (up to ${MAX_BATCH_REQUESTS} requests, run in order of dependsOn, atomicityGroup applied in one transaction, each answered in the responses array), or an OData 4.0 multipart batch (change sets applied atomically); the answer has the request's format.`;
  operation.requestBody = {
    required: true, description: 'Batch request',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/BatchRequest' } }, ...MULTIPART },
  };
  const responses = operation.responses as Record<string, OpenApiJson>;
  responses['200'] = { description: 'Batch response', content: { 'application/json': { schema: { $ref: '#/components/schemas/BatchResponse' } }, ...MULTIPART } };
}
