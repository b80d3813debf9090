// Projects one entity set of the model onto a TypeORM EntitySchema: one table, one column per property.
import { EntitySchema, type ColumnType, type EntitySchemaColumnOptions } from 'typeorm';
import { primitiveType, type Engine } from '../model/edm-primitive-types';
import type { EntitySet } from '../model/service-model';

export function toEntitySchema(entitySet: EntitySet, engine: Engine): EntitySchema {
  const key = new Set(entitySet.entityType.key);
  const columns = Object.fromEntries(entitySet.entityType.properties.map((property): [string, EntitySchemaColumnOptions] => [
    property.name,
    {
      name: property.name,
      // The type table holds TypeORM column type names; TypeORM validates them against the driver at start-up.
      type: primitiveType(property.type).column[engine] as ColumnType,
      collation: primitiveType(property.type).collation?.[engine],
      nullable: property.nullable,
      primary: key.has(property.name),
    },
  ]));
  return new EntitySchema({ name: entitySet.name, tableName: entitySet.name, columns });
}
