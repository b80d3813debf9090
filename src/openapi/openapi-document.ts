// The OpenAPI description of the service: the OASIS odata-openapi converter on the CSDL JSON that $metadata serves,
// then what the converter cannot know: each operation's security requirements from the CSDL's permissions (passed as a
// plain table, so that the conversion can run where the model is not: openapi-worker).
import { csdl2openapi } from 'odata-openapi';
import type { DataOperation } from '../model/service-model';
import type { SecurityTable } from './openapi-security';
import type { OpenApiVersion } from './openapi-versions';

/** The converter's openapiVersion per version a client asks for. */
const VERSIONS: Readonly<Record<OpenApiVersion, string>> = { '3.0': '3.0.2', '3.1': '3.1.0' };

const OPERATIONS: Readonly<Record<string, DataOperation>> = { get: 'read', post: 'create', patch: 'update', put: 'update', delete: 'delete' };

type Json = Record<string, unknown>;

/** The document for a service root such as `https://graph.example.com/beta`; throws when the converter complains. */
export function openApiDocument(security: SecurityTable, csdlJson: object, serviceRoot: string, version: OpenApiVersion): Json {
  const root = new URL(serviceRoot);
  const messages: string[] = [];
  const document = csdl2openapi(csdlJson, {
    scheme: root.protocol.slice(0, -1), host: root.host, basePath: root.pathname.replace(/\/$/, ''),
    openapiVersion: VERSIONS[version], messages,
    defaultTitle: 'Graph-style OData v4 gateway', defaultDescription: 'Generated from the service\'s CSDL at start-up.',
  }) as Json;
  if (messages.length > 0) throw new Error(`odata-openapi could not convert the CSDL: ${messages.join('; ')}`);
  addSecurity(document, security);
  return document;
}

/** Every operation under an entity set gets the requirements of its permissions (any one scope grants it). */
function addSecurity(document: Json, security: SecurityTable): void {
  const paths = (document.paths ?? {}) as Record<string, Record<string, Json>>;
  for (const [path, item] of Object.entries(paths)) {
    const set = entitySetOf(security, path);
    if (!set) continue;
    for (const [method, operation] of Object.entries(item)) {
      const data = OPERATIONS[method];
      if (data === undefined || typeof operation !== 'object') continue;
      operation.security = security[set]?.[data] ?? [];
    }
  }
}

function entitySetOf(security: SecurityTable, path: string): string | undefined {
  return Object.keys(security).find((name) => path === `/${name}` || path.startsWith(`/${name}/`) || path.startsWith(`/${name}(`));
}
