// The OpenAPI description of the service: the OASIS odata-openapi converter on the CSDL JSON that $metadata serves,
// then what the converter cannot know: each operation's security requirements from the CSDL's permissions, Graph's
// error body, Graph's request and response headers, and both batch formats. The served document and the CLI
// (src/tools/write-openapi.ts) both come from here (the served one on a short-lived worker thread: openapi-texts).
import { csdl2openapi } from 'odata-openapi';
import type { DataOperation, EntitySet, Permission, ServiceModel } from '../model/service-model';
import { addGraphErrors } from './graph-error-schema';
import { addGraphHeaders, COMMON_RESPONSE_HEADERS } from './graph-headers';
import { describeBatch } from './batch-schema';
import type { OpenApiJson } from './openapi-json';
import type { OpenApiVersion } from './openapi-versions';

/** The converter's openapiVersion per version a client asks for. */
const VERSIONS: Readonly<Record<OpenApiVersion, string>> = { '3.0': '3.0.2', '3.1': '3.1.0' };

const OPERATIONS: Readonly<Record<string, DataOperation>> = { get: 'read', post: 'create', patch: 'update', put: 'update', delete: 'delete' };

type Json = OpenApiJson;

/** The document for a service root such as `https://graph.example.com/beta`; throws when the converter complains. */
export function openApiDocument(model: ServiceModel, csdlJson: object, serviceRoot: string, version: OpenApiVersion): Json {
  const root = new URL(serviceRoot);
  const messages: string[] = [];
  const document = csdl2openapi(csdlJson, {
    scheme: root.protocol.slice(0, -1), host: root.host, basePath: root.pathname.replace(/\/$/, ''),
    openapiVersion: VERSIONS[version], messages,
    defaultTitle: 'Graph-style OData v4 gateway', defaultDescription: 'Generated from the service\'s CSDL at start-up.',
  }) as Json;
  if (messages.length > 0) throw new Error(`odata-openapi could not convert the CSDL: ${messages.join('; ')}`);
  describeBatch(document);
  addGraphHeaders(document, model);
  addGraphErrors(document, version === '3.1', COMMON_RESPONSE_HEADERS);
  addSecurity(document, model);
  return document;
}

/** Every operation under an entity set gets the requirements of its permissions (any one scope grants it). */
function addSecurity(document: Json, model: ServiceModel): void {
  const paths = (document.paths ?? {}) as Record<string, Record<string, Json>>;
  for (const [path, item] of Object.entries(paths)) {
    const set = entitySetOf(model, path);
    if (!set) continue;
    for (const [method, operation] of Object.entries(item)) {
      const data = OPERATIONS[method];
      if (data === undefined || typeof operation !== 'object') continue;
      operation.security = requirements(set.permissions?.[data] ?? []);
    }
  }
}

function entitySetOf(model: ServiceModel, path: string): EntitySet | undefined {
  return model.entitySets.find((set) => path === `/${set.name}` || path.startsWith(`/${set.name}/`) || path.startsWith(`/${set.name}(`));
}

/** OpenAPI security: a list of alternatives; one per scope of each permission. No permission: public (`[]`). */
function requirements(permissions: readonly Permission[]): Json[] {
  return permissions.flatMap((permission) => permission.scopes.map((scope) => ({ [permission.scheme.name]: [scope.scope] })));
}
