// Reads Capabilities.ChangeTracking of an entity set with the bound delta function that serves it; refuses what cannot be true.
import { CsdlError } from './csdl-error';
import {
  CAPABILITIES, type AnnotationValue, type Annotations, type BoundFunction, type ChangeTracking, type EntityType,
} from './service-model';

type RecordValue = Readonly<Record<string, AnnotationValue>>;

/**
 * Change tracking is on when the annotation's Supported is true (its vocabulary default once the record is applied) and a
 * bound delta function takes a collection of the set's type. Each without the other is a start-up error. A deletable set's
 * deletes come as tombstones (src/persistence/tombstones.ts).
 */
export function readChangeTracking(
  annotations: Annotations, entityType: EntityType, functions: readonly BoundFunction[],
  file: string, where: string,
): ChangeTracking | undefined {
  const value = annotations[`${CAPABILITIES}.ChangeTracking`];
  const record: RecordValue | undefined = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  const supported = record !== undefined && record.Supported !== false;
  const delta = functions.find((candidate) => candidate.bindingParameter.entityType === entityType.qualifiedName);
  const at = `${where}, Annotation '${CAPABILITIES}.ChangeTracking'`;
  if (!supported) {
    if (delta) throw new CsdlError(file, at, `Supported is not true, but Function '${delta.name}' is bound to Collection(${entityType.qualifiedName})`);
    return undefined;
  }
  if (!delta) throw new CsdlError(file, at, `Supported is true, but no Function 'delta' is bound to Collection(${entityType.qualifiedName})`);
  const expandable = record.ExpandableProperties ?? [];
  if (!Array.isArray(expandable) || expandable.length > 0) throw new CsdlError(file, at, 'ExpandableProperties must be empty: the service has no $expand');
  const filterable = record.FilterableProperties ?? [];
  if (!Array.isArray(filterable)) throw new CsdlError(file, at, 'FilterableProperties must be a Collection of PropertyPath');
  const paths = filterable.map((item) => {
    const path = typeof item === 'object' && item !== null && !Array.isArray(item) ? item.$PropertyPath : undefined;
    if (typeof path !== 'string' || !entityType.properties.some((property) => property.name === path)) {
      throw new CsdlError(file, at, `FilterableProperties holds '${JSON.stringify(item)}', which is not a PropertyPath of ${entityType.name}`);
    }
    return path;
  });
  return { filterableProperties: paths, functionName: delta.qualifiedName };
}
