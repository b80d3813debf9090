// CSDL XML annotations → CSDL JSON annotation values, terms resolved to their vocabulary namespace.
import { CsdlError } from './csdl-error';
import type { AnnotationValue, Annotations } from './service-model';
import { attribute, childNames, children, text, type XmlElement } from './xml-element';

/** Where annotations are read: the file, and the referenced vocabulary namespaces by alias and by name. */
export interface AnnotationScope {
  readonly file: string;
  readonly namespaces: ReadonlyMap<string, string>;
  /** The edmx:Reference Uri of each vocabulary namespace (a record's `@type` names its type by it). */
  readonly uris?: ReadonlyMap<string, string>;
}

const CONSTANT_ATTRIBUTES = ['Bool', 'String', 'Int', 'Decimal', 'Guid', 'EnumMember'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// CSDL JSON 4.01 14.4.1 (Path Expressions): an object with one member, $PropertyPath etc., holding the path.
const PATH_EXPRESSIONS = ['AnnotationPath', 'ModelElementPath', 'NavigationPropertyPath', 'PropertyPath', 'Path'];
const VALUE_ATTRIBUTES = [...CONSTANT_ATTRIBUTES, ...PATH_EXPRESSIONS];
const NON_VALUE_ATTRIBUTES = new Set(['Term', 'Qualifier', 'Property']);

export function readAnnotations(element: XmlElement, where: string, scope: AnnotationScope): Annotations {
  const annotations: Record<string, AnnotationValue> = {};
  for (const annotation of children(element, 'Annotation')) {
    const term = attribute(annotation, 'Term') ?? '';
    const annotationWhere = `${where}, Annotation '${term}'`;
    const qualified = resolveTerm(term, annotationWhere, scope);
    if (attribute(annotation, 'Qualifier') !== undefined) {
      throw new CsdlError(scope.file, annotationWhere, 'qualified annotations are not supported');
    }
    // CSDL 4.01, Annotation: a term is applied at most once per target and qualifier.
    if (qualified in annotations) throw new CsdlError(scope.file, annotationWhere, 'is applied twice');
    annotations[qualified] = readValue(annotation, annotationWhere, scope);
  }
  return annotations;
}

function resolveTerm(term: string, where: string, scope: AnnotationScope): string {
  const dot = term.lastIndexOf('.');
  const namespace = scope.namespaces.get(term.slice(0, dot));
  if (dot < 1 || !namespace) {
    throw new CsdlError(scope.file, where, `term '${term}' is not in a vocabulary named by an edmx:Reference`);
  }
  return `${namespace}.${term.slice(dot + 1)}`;
}

/** An annotation or property value: a constant attribute, or one child expression, or a Tag's default `true`. */
function readValue(element: XmlElement, where: string, scope: AnnotationScope): AnnotationValue {
  const unknown = Object.keys(element.$ ?? {}).find((name) => !NON_VALUE_ATTRIBUTES.has(name) && !VALUE_ATTRIBUTES.includes(name));
  if (unknown) throw new CsdlError(scope.file, where, `the expression ${unknown}="…" is not supported`);
  const constant = VALUE_ATTRIBUTES.find((name) => attribute(element, name) !== undefined);
  if (constant) return constantValue(constant, attribute(element, constant) ?? '', where, scope);
  const expressions = childNames(element).filter((name) => name !== 'Annotation');
  if (expressions.length === 0) return true;
  if (expressions.length > 1 || children(element, expressions[0]).length > 1) {
    throw new CsdlError(scope.file, where, 'expects exactly one value expression');
  }
  return readExpression(expressions[0], children(element, expressions[0])[0], where, scope);
}

function readExpression(name: string, element: XmlElement, where: string, scope: AnnotationScope): AnnotationValue {
  if (name === 'Record') return readRecord(element, where, scope);
  if (name === 'Collection') {
    return childNames(element).flatMap((child) => children(element, child)
      .map((item) => readExpression(child, item, where, scope)));
  }
  if (VALUE_ATTRIBUTES.includes(name)) return constantValue(name, text(element), where, scope);
  throw new CsdlError(scope.file, where, `the expression <${name}> is not supported`);
}

/** CSDL JSON 4.01, 14.4.14: a record's type as `@type` (the vocabulary's URI and the qualified name), its annotations as `@Term`. */
function readRecord(element: XmlElement, where: string, scope: AnnotationScope): AnnotationValue {
  const record: Record<string, AnnotationValue> = {};
  const type = attribute(element, 'Type');
  if (type !== undefined) {
    const qualified = resolveTerm(type, `${where}, Record Type '${type}'`, scope);
    record['@type'] = `${scope.uris?.get(qualified.slice(0, qualified.lastIndexOf('.'))) ?? ''}#${qualified}`;
  }
  for (const [term, value] of Object.entries(readAnnotations(element, `${where}, Record`, scope))) record[`@${term}`] = value;
  for (const propertyValue of children(element, 'PropertyValue')) {
    const property = attribute(propertyValue, 'Property') ?? '';
    record[property] = readValue(propertyValue, `${where}, PropertyValue '${property}'`, scope);
  }
  return record;
}

function constantValue(kind: string, raw: string, where: string, scope: AnnotationScope): AnnotationValue {
  switch (kind) {
    case 'Bool':
      if (raw !== 'true' && raw !== 'false') throw new CsdlError(scope.file, where, `'${raw}' is not a Bool`);
      return raw === 'true';
    case 'Int':
    case 'Decimal':
      if (!Number.isFinite(Number(raw)) || raw.trim() === '') {
        throw new CsdlError(scope.file, where, `'${raw}' is not a number`);
      }
      return Number(raw);
    case 'EnumMember':
      // CSDL JSON 4.01 14.3.8: an enumeration value is the member name; several flags are comma-separated.
      return raw.trim().split(/\s+/).map((member) => member.slice(member.indexOf('/') + 1)).join(',');
    case 'String':
      return raw;
    case 'Guid':
      if (!GUID.test(raw.trim())) throw new CsdlError(scope.file, where, `'${raw}' is not a Guid`);
      return raw.trim().toLowerCase();
    default:
      return { [`$${kind}`]: raw };
  }
}
