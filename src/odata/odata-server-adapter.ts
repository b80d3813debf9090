// The only file that imports odata-v4-server: a fresh server class per gateway, fed from the model; it serves
// creation and the service document (reads run on our own handlers: see README, "Where the read path runs").
import { Edm, ODataController, ODataServer, odata, type ODataProcessorOptions } from 'odata-v4-server';
import type { EntitySet, EntityType, ServiceModel } from '../model/service-model';
import { toServerMetadataJson } from './server-metadata-json';

export type EntityRecord = Record<string, unknown>;

/** What the controllers do with the data; the gateway supplies it (the store). */
export interface EntitySetOperations {
  create(entitySet: EntitySet, body: EntityRecord): Promise<EntityRecord>;
}

export interface ODataResult {
  /** The entity, `@odata.context` first; its `@odata.id` removed (callers build entity URLs with service-urls.ts). */
  readonly body: EntityRecord;
}

export interface ODataServerAdapter {
  /** The service document (`value` of entity sets) without its context URL, built once. */
  readonly serviceDocument: Readonly<Record<string, unknown>>;
  /** `serviceRoot`: this request's, e.g. `https://api.contoso.com/graph/beta`. */
  create(entitySet: EntitySet, body: EntityRecord, serviceRoot: string): Promise<ODataResult>;
}

type ServerClass = typeof ODataServer;
type Decorator = (target: object, property: string) => void;

export function createODataServerAdapter(model: ServiceModel, operations: EntitySetOperations): ODataServerAdapter {
  class GatewayServer extends ODataServer {
    // The store's row is already the entity in its wire form (plain values of the declared properties), so the
    // processor's per-property conversion of the result (its `disableEntityConversion` option) is skipped: bench/README.md.
    static override createProcessor(context: unknown, options?: ODataProcessorOptions) {
      return super.createProcessor(context, { ...options!, disableEntityConversion: true });
    }
  }
  odata.namespace(model.schemaNamespace)(GatewayServer);
  for (const entitySet of model.entitySets) {
    odata.controller(createController(entitySet, operations), entitySet.name, toEntityClass(entitySet.entityType))(GatewayServer);
  }
  GatewayServer.$metadata(toServerMetadataJson(model));
  const { '@odata.context': _context, ...serviceDocument } = GatewayServer.document().document() as Record<string, unknown>;
  return {
    serviceDocument,
    create: (entitySet, body, serviceRoot) => execute(GatewayServer, serviceRoot, `/${entitySet.name}`, 'POST', body),
  };
}

async function execute(server: ServerClass, serviceRoot: string, url: string, method: string, body?: EntityRecord): Promise<ODataResult> {
  const root = new URL(serviceRoot);
  const result = await server.execute({
    url, method, body, protocol: root.protocol.replace(/:$/, ''), host: root.host, base: root.pathname.replace(/\/$/, ''),
  });
  const { '@odata.id': _entityId, ...entity } = result.body as EntityRecord;
  return { body: entity };
}

/** A class carrying odata-v4-server's Edm decorators, applied from the model instead of written by hand. */
function toEntityClass(entityType: EntityType): new () => object {
  const entityClass = class {};
  Object.defineProperty(entityClass, 'name', { value: entityType.name });
  const decorators = Edm as unknown as Record<string, Decorator>;
  for (const property of entityType.properties) {
    decorators[property.type.slice('Edm.'.length)](entityClass.prototype, property.name);
    if (entityType.key.includes(property.name)) Edm.Key(entityClass.prototype, property.name);
    if (property.computed) Edm.Computed(entityClass.prototype, property.name);
  }
  odata.namespace(entityType.namespace)(entityClass);
  return entityClass;
}

function createController(entitySet: EntitySet, operations: EntitySetOperations): typeof ODataController {
  // odata-v4-server binds parameters by reading the method source: plain parameter names only.
  class EntitySetController extends ODataController {
    async create(body: EntityRecord) {
      return operations.create(entitySet, body);
    }
  }
  Object.defineProperty(EntitySetController, 'name', { value: `${entitySet.name}Controller` });
  odata.POST(EntitySetController.prototype, 'create');
  odata.body(EntitySetController.prototype, 'create', 0);
  return EntitySetController;
}
