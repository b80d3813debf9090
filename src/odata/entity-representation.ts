// The JSON representation of one entity at the requested metadata level (OData JSON Format 4.01, section 3.1).
import type { MetadataLevel } from '../http/graph-response';
import type { EntityType } from '../model/service-model';
import type { ODataResult } from './odata-server-adapter';

export function representEntity(result: ODataResult, entityType: EntityType, metadata: MetadataLevel): Record<string, unknown> {
  if (metadata === 'none') {
    return Object.fromEntries(Object.entries(result.body).filter(([name]) => !name.startsWith('@odata.')));
  }
  if (metadata === 'minimal' || result.entityId === undefined) return result.body;
  const { '@odata.context': context, ...properties } = result.body;
  return {
    '@odata.context': context,
    '@odata.type': `#${entityType.qualifiedName}`,
    '@odata.id': result.entityId,
    '@odata.editLink': result.entityId,
    ...properties,
  };
}
