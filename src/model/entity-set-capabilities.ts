// Reads what an entity set allows from its Capabilities annotations; absent terms take the vocabulary defaults.
import { CsdlError } from './csdl-error';
import { CAPABILITIES, type AnnotationValue, type Annotations, type EntitySetCapabilities, type EntityType } from './service-model';

type RecordValue = Readonly<Record<string, AnnotationValue>>;

function restriction(annotations: Annotations, term: string): RecordValue {
  const value = annotations[`${CAPABILITIES}.${term}`];
  return value !== undefined && typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
}

function flag(record: RecordValue, property: string): boolean {
  return record[property] !== false; // Capabilities vocabulary: every *able flag defaults to true
}

export function readEntitySetCapabilities(
  annotations: Annotations, entityType: EntityType, file: string, where: string,
): EntitySetCapabilities {
  const insert = restriction(annotations, 'InsertRestrictions');
  const nonInsertable = insert.NonInsertableProperties ?? [];
  if (!Array.isArray(nonInsertable)) throw new CsdlError(file, where, 'NonInsertableProperties must be a Collection');
  const paths = nonInsertable.map((path) => propertyPath(path, file, where));
  for (const path of paths) {
    if (!entityType.properties.some((property) => property.name === path)) {
      throw new CsdlError(file, where, `NonInsertableProperties names '${path}', which is not a property of ${entityType.name}`);
    }
  }
  return {
    insertable: flag(insert, 'Insertable'),
    nonInsertableProperties: paths,
    updatable: flag(restriction(annotations, 'UpdateRestrictions'), 'Updatable'),
    deletable: flag(restriction(annotations, 'DeleteRestrictions'), 'Deletable'),
    readable: flag(restriction(annotations, 'ReadRestrictions'), 'Readable'),
  };
}

function propertyPath(value: AnnotationValue, file: string, where: string): string {
  const path = typeof value === 'object' && value !== null && !Array.isArray(value) ? value.$PropertyPath : undefined;
  if (typeof path !== 'string') throw new CsdlError(file, where, 'NonInsertableProperties must hold PropertyPath expressions');
  return path;
}
