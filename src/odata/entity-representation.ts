// The JSON representation of one entity at the requested metadata level (OData JSON Format 4.01, section 3.1).
import { ItemNotFoundError } from '../errors/graph-error';
import type { MetadataLevel } from '../http/graph-response';
import type { EntitySet, EntityType } from '../model/service-model';
import { entityUrl } from './service-urls';

/** The 404 for a key that names no entity of the set. */
export function entityNotFound(entitySet: EntitySet, key: string): ItemNotFoundError {
  return new ItemNotFoundError(`No ${entitySet.entityType.name} has the id '${key}'.`);
}

/**
 * `body` holds the properties, optionally preceded by `@odata.context`; `entityId` is the entity's URL.
 * minimal: as is; full: adds `@odata.type`, `@odata.id`, `@odata.editLink`; none: no control information.
 */
export function representEntity(
  body: Readonly<Record<string, unknown>>, entityId: string | undefined, entityType: EntityType, metadata: MetadataLevel,
  etag?: string,
): Record<string, unknown> {
  // Callers build a fresh body in the right order (context, then properties): at minimal metadata it is the answer.
  if (metadata === 'minimal' && etag === undefined) return body as Record<string, unknown>;
  const { '@odata.context': context, ...properties } = body;
  if (metadata === 'none') return properties;
  const head = { ...(context === undefined ? {} : { '@odata.context': context }), ...(etag === undefined ? {} : { '@odata.etag': etag }) };
  if (metadata === 'minimal' || entityId === undefined) return { ...head, ...properties };
  return {
    ...head,
    '@odata.type': `#${entityType.qualifiedName}`,
    '@odata.id': entityId,
    '@odata.editLink': entityId,
    ...properties,
  };
}

/**
 * Shapes every entity of one response, decided once per response: at minimal metadata without $select or
 * ETags the stored entity is already its JSON, so nothing is copied.
 */
export function entityShaper(
  serviceRoot: string, entitySet: EntitySet, metadata: MetadataLevel, select: readonly string[] | undefined,
  tagger: ((entity: Readonly<Record<string, unknown>>) => string) | undefined,
): (entity: Record<string, unknown>) => Record<string, unknown> {
  if (metadata === 'minimal' && select === undefined && tagger === undefined) return (entity) => entity;
  const names = select ?? entitySet.entityType.properties.map((property) => property.name);
  const [key] = entitySet.entityType.key;
  return (entity) => {
    const shown: Record<string, unknown> = {};
    for (const name of names) shown[name] = entity[name];
    const id = metadata === 'full' ? entityUrl(serviceRoot, entitySet, entity[key]) : undefined;
    return representEntity(shown, id, entitySet.entityType, metadata, tagger?.(entity));
  };
}
