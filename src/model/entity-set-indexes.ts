// Reads the indexes an entity set declares with Gateway.Storage.V1.Indexes; refuses declarations the store cannot build.
import { CsdlError } from './csdl-error';
import { STORAGE, type AnnotationValue, type Annotations, type EntitySetIndex, type EntityType } from './service-model';

type RecordValue = Readonly<Record<string, AnnotationValue>>;

const isRecord = (value: AnnotationValue | undefined): value is RecordValue =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function readEntitySetIndexes(
  annotations: Annotations, entityType: EntityType, file: string, where: string,
): EntitySetIndex[] {
  const declared = annotations[`${STORAGE}.Indexes`];
  if (declared === undefined) return [];
  const at = `${where}, Annotation '${STORAGE}.Indexes'`;
  if (!Array.isArray(declared)) throw new CsdlError(file, at, 'must be a Collection of Records');
  return declared.map((index, position) => readIndex(index, entityType, file, `${at}, Record ${position + 1}`));
}

function readIndex(index: AnnotationValue, entityType: EntityType, file: string, where: string): EntitySetIndex {
  if (!isRecord(index)) throw new CsdlError(file, where, 'must be a Record with Properties');
  const properties = paths(index.Properties, 'Properties', file, where);
  const descending = paths(index.DescendingProperties ?? [], 'DescendingProperties', file, where);
  if (properties.length === 0) throw new CsdlError(file, where, 'Properties must name at least one property');
  for (const path of [...properties, ...descending]) {
    if (!entityType.properties.some((property) => property.name === path)) {
      throw new CsdlError(file, where, `'${path}' is not a property of ${entityType.name}`);
    }
  }
  const repeated = properties.find((path, at) => properties.indexOf(path) !== at);
  if (repeated) throw new CsdlError(file, where, `Properties names '${repeated}' twice`);
  const stray = descending.find((path) => !properties.includes(path));
  if (stray) throw new CsdlError(file, where, `DescendingProperties names '${stray}', which Properties does not list`);
  // The key makes every index entry unique: columns after it could never narrow a search or an order.
  const key = properties.findIndex((path) => entityType.key.includes(path));
  if (key >= 0 && key !== properties.length - 1) {
    throw new CsdlError(file, where, `the key '${properties[key]}' may only be the last of Properties`);
  }
  return { columns: properties.map((property) => ({ property, descending: descending.includes(property) })) };
}

function paths(value: AnnotationValue | undefined, member: string, file: string, where: string): string[] {
  if (!Array.isArray(value)) throw new CsdlError(file, where, `${member} must be a Collection of PropertyPath`);
  return value.map((item) => {
    const path = isRecord(item) ? item.$PropertyPath : undefined;
    if (typeof path !== 'string') throw new CsdlError(file, where, `${member} must hold PropertyPath expressions`);
    return path;
  });
}
