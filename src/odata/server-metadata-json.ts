// The model in the JSON shape odata-v4-server's `$metadata(json)` takes (it routes and parses URLs with it).
import type { ServiceModel } from '../model/service-model';

export function toServerMetadataJson(model: ServiceModel): object {
  const entityType = model.entityTypes.filter((type) => !type.abstract).map((type) => ({
    name: type.name,
    key: [{ propertyRef: type.key.map((name) => ({ name })) }],
    property: type.properties.map((property) => ({
      name: property.name, type: property.type, ...(property.nullable ? {} : { nullable: 'false' }),
    })),
  }));
  return {
    version: '4.0',
    dataServices: {
      schema: [{
        namespace: model.schemaNamespace,
        entityType,
        entityContainer: [{
          name: model.containerName,
          entitySet: model.entitySets.map((set) => ({ name: set.name, entityType: set.entityType.qualifiedName })),
        }],
      }],
    },
  };
}
