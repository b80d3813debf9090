// Reads the EntityType elements of a schema: inheritance resolved, keys and primitive properties checked.
import { CsdlError } from './csdl-error';
import { findPrimitiveType } from './edm-primitive-types';
import { readAnnotations, type AnnotationScope } from './read-annotations';
import { CORE, type EdmProperty, type EntityType } from './service-model';
import { attribute, children, rejectUnsupported, type XmlElement } from './xml-element';

const ENTITY_TYPE_CHILDREN = new Set(['Key', 'Property', 'Annotation']);
const PROPERTY_CHILDREN = new Set(['Annotation']);

export function readEntityTypes(
  schema: XmlElement, namespace: string, alias: string | undefined, scope: AnnotationScope,
): EntityType[] {
  const elements = new Map<string, XmlElement>();
  for (const element of children(schema, 'EntityType')) {
    const name = attribute(element, 'Name') ?? '';
    if (elements.has(name)) throw new CsdlError(scope.file, `EntityType '${name}'`, 'is declared twice');
    elements.set(name, element);
  }
  const done = new Map<string, EntityType>();
  const read = (name: string, path: readonly string[]): EntityType => {
    const existing = done.get(name);
    if (existing) return existing;
    const where = `EntityType '${name}'`;
    if (path.includes(name)) throw new CsdlError(scope.file, where, 'inherits from itself');
    const element = elements.get(name);
    if (!element) throw new CsdlError(scope.file, `EntityType '${path[path.length - 1]}'`, `BaseType '${name}' is not declared`);
    rejectUnsupported(element, ENTITY_TYPE_CHILDREN, where, scope.file);
    const baseName = baseTypeName(attribute(element, 'BaseType'), [namespace, alias], where, scope.file);
    const base = baseName ? read(baseName, [...path, name]) : undefined;
    const entityType = buildEntityType(element, name, namespace, base, scope);
    done.set(name, entityType);
    return entityType;
  };
  return [...elements.keys()].map((name) => read(name, []));
}

/** The simple name of a base type, which must be in this schema (by namespace or alias). */
function baseTypeName(
  raw: string | undefined, schemaNames: readonly (string | undefined)[], where: string, file: string,
): string | undefined {
  if (raw === undefined) return undefined;
  const dot = raw.lastIndexOf('.');
  if (dot < 1 || !schemaNames.includes(raw.slice(0, dot))) {
    throw new CsdlError(file, where, `BaseType '${raw}' is not in schema '${schemaNames[0]}'`);
  }
  return raw.slice(dot + 1);
}

function buildEntityType(
  element: XmlElement, name: string, namespace: string, base: EntityType | undefined, scope: AnnotationScope,
): EntityType {
  const where = `EntityType '${name}'`;
  const own = children(element, 'Property').map((property) => readProperty(property, name, scope));
  const properties = [...(base?.properties ?? []), ...own];
  const duplicate = properties.find((property, index) => properties.findIndex((p) => p.name === property.name) !== index);
  if (duplicate) throw new CsdlError(scope.file, where, `property '${duplicate.name}' is declared twice`);
  const keyElements = children(element, 'Key');
  if (keyElements.length > 0 && base?.key.length) throw new CsdlError(scope.file, where, 'redeclares the key of its base type');
  const key = keyElements.length > 0
    ? children(keyElements[0], 'PropertyRef').map((ref) => attribute(ref, 'Name') ?? '')
    : [...(base?.key ?? [])];
  const abstract = attribute(element, 'Abstract') === 'true';
  checkKey(key, properties, abstract, where, scope.file);
  return {
    name, namespace, qualifiedName: `${namespace}.${name}`, abstract, baseType: base?.qualifiedName, key, properties,
    annotations: readAnnotations(element, where, scope),
  };
}

function checkKey(key: readonly string[], properties: readonly EdmProperty[], abstract: boolean, where: string, file: string): void {
  if (key.length === 0 && !abstract) throw new CsdlError(file, where, 'has no key');
  if (key.length > 1) throw new CsdlError(file, where, 'composite keys are not supported');
  for (const name of key) {
    const property = properties.find((p) => p.name === name);
    if (!property) throw new CsdlError(file, where, `key PropertyRef '${name}' names no property`);
    if (property.nullable) throw new CsdlError(file, where, `key property '${name}' must be Nullable="false"`);
    if (property.type !== 'Edm.String') throw new CsdlError(file, where, `key property '${name}' must be Edm.String`);
  }
}

const MAX_TIMESTAMP_PRECISION = 12;

function readProperty(element: XmlElement, entityTypeName: string, scope: AnnotationScope): EdmProperty {
  const name = attribute(element, 'Name') ?? '';
  const where = `EntityType '${entityTypeName}', Property '${name}'`;
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(name)) throw new CsdlError(scope.file, where, 'is not a valid simple identifier');
  rejectUnsupported(element, PROPERTY_CHILDREN, where, scope.file);
  const type = attribute(element, 'Type') ?? '';
  if (!findPrimitiveType(type)) throw new CsdlError(scope.file, where, `type '${type}' is not supported`);
  const precision = facet(element, 'Precision', where, scope.file);
  if (type === 'Edm.DateTimeOffset' && precision !== undefined && precision > MAX_TIMESTAMP_PRECISION) {
    // The OData ABNF allows 12 fractional digits; the stored text form keeps exactly as many as declared.
    throw new CsdlError(scope.file, where, `Precision ${precision} exceeds ${MAX_TIMESTAMP_PRECISION}, the most fractional second digits OData allows`);
  }
  const annotations = readAnnotations(element, where, scope);
  return {
    name, type, declaredBy: entityTypeName, annotations,
    nullable: attribute(element, 'Nullable') !== 'false',
    maxLength: facet(element, 'MaxLength', where, scope.file),
    precision,
    scale: facet(element, 'Scale', where, scope.file),
    computed: annotations[`${CORE}.Computed`] === true,
    computedDefaultValue: annotations[`${CORE}.ComputedDefaultValue`] === true,
  };
}

function facet(element: XmlElement, name: string, where: string, file: string): number | undefined {
  const raw = attribute(element, name);
  if (raw === undefined || (name === 'MaxLength' && raw === 'max')) return undefined;
  if (!/^\d+$/.test(raw)) throw new CsdlError(file, where, `${name} '${raw}' is not a non-negative integer`);
  // CSDL XML 4.01, Type Facets: MaxLength is a positive integer or max.
  if (name === 'MaxLength' && Number(raw) === 0) throw new CsdlError(file, where, 'MaxLength must be positive');
  return Number(raw);
}
