// The CSDL JSON 4.01 metadata document ($metadata?$format=json), generated from the service model, not the XML text.
import type { AnnotationValue, Annotations, EdmProperty, EntitySet, EntityType, ServiceModel } from '../model/service-model';

type JsonObject = Record<string, unknown>;

/** Writes qualified names the way the XML document does: model elements with their namespace, terms by alias. */
interface Names {
  /** A model element of the schema, namespace-qualified: generators (SAP Cloud SDK among them) do not resolve aliases in type names. */
  readonly element: (qualifiedName: string) => string;
  /** A namespace-qualified term → `@Alias.Term`. */
  readonly term: (qualifiedTerm: string) => string;
}

// CSDL JSON 4.01, Document Object: $Version is 4.01 (or later), whichever version the XML document declares.
const CSDL_JSON_VERSION = '4.01';

export function toCsdlJson(model: ServiceModel): object {
  const names = namesOf(model);
  const document: JsonObject = {
    $Version: CSDL_JSON_VERSION,
    // CSDL JSON 4.01, $EntityContainer: the one place that MUST use the namespace-qualified name.
    $EntityContainer: `${model.schemaNamespace}.${model.containerName}`,
  };
  if (model.references.length > 0) document.$Reference = toReferences(model);
  document[model.schemaNamespace] = toSchema(model, names);
  return document;
}

function namesOf(model: ServiceModel): Names {
  const aliases = new Map(model.references.map((reference) => [reference.namespace, reference.alias ?? reference.namespace]));
  if (model.schemaAlias) aliases.set(model.schemaNamespace, model.schemaAlias);
  const qualify = (qualifiedName: string) => {
    const dot = qualifiedName.lastIndexOf('.');
    const namespace = qualifiedName.slice(0, dot);
    return `${aliases.get(namespace) ?? namespace}.${qualifiedName.slice(dot + 1)}`;
  };
  return { element: (qualifiedName) => qualifiedName, term: (qualifiedTerm) => `@${qualify(qualifiedTerm)}` };
}

/** One member per referenced document, its includes in document order. */
function toReferences(model: ServiceModel): JsonObject {
  const references: Record<string, { $Include: JsonObject[] }> = {};
  for (const { uri, namespace, alias } of model.references) {
    references[uri] ??= { $Include: [] };
    references[uri].$Include.push(alias === undefined ? { $Namespace: namespace } : { $Namespace: namespace, $Alias: alias });
  }
  return references;
}

function toSchema(model: ServiceModel, names: Names): JsonObject {
  const schema: JsonObject = model.schemaAlias ? { $Alias: model.schemaAlias } : {};
  for (const entityType of model.entityTypes) schema[entityType.name] = toEntityType(entityType, model, names);
  // CSDL JSON 4.01, 12.1: a function is an array of its overloads.
  for (const fn of model.functions ?? []) {
    schema[fn.name] = [{
      $Kind: 'Function', $IsBound: true,
      $Parameter: [{ $Name: fn.bindingParameter.name, $Type: names.element(fn.bindingParameter.entityType), $Collection: true }],
      $ReturnType: { $Type: names.element(fn.returnType), $Collection: true },
    }];
  }
  schema[model.containerName] = toEntityContainer(model, names);
  return Object.assign(schema, toAnnotations(model.schemaAnnotations ?? {}, names));
}

function toEntityType(entityType: EntityType, model: ServiceModel, names: Names): JsonObject {
  const json: JsonObject = { $Kind: 'EntityType' };
  if (entityType.baseType) json.$BaseType = names.element(entityType.baseType);
  if (entityType.abstract) json.$Abstract = true;
  // CSDL 4.01, Key: a derived type inherits the key and MUST NOT declare its own when its base type has one.
  const baseKey = model.entityTypes.find((type) => type.qualifiedName === entityType.baseType)?.key ?? [];
  if (entityType.key.length > 0 && baseKey.length === 0) json.$Key = [...entityType.key];
  for (const property of entityType.properties) {
    // Inherited properties are described once, by the type that declares them.
    if (property.declaredBy === entityType.name) json[property.name] = toProperty(property, names);
  }
  return Object.assign(json, toAnnotations(entityType.annotations, names));
}

function toProperty(property: EdmProperty, names: Names): JsonObject {
  const json: JsonObject = {};
  // CSDL JSON 4.01, Property Object: absent $Type means Edm.String, absent $Nullable means false.
  if (property.type !== 'Edm.String') json.$Type = property.type;
  if (property.nullable) json.$Nullable = true;
  if (property.maxLength !== undefined) json.$MaxLength = property.maxLength;
  if (property.precision !== undefined) json.$Precision = property.precision;
  if (property.scale !== undefined) json.$Scale = property.scale;
  return Object.assign(json, toAnnotations(property.annotations, names));
}

function toEntityContainer(model: ServiceModel, names: Names): JsonObject {
  const container: JsonObject = { $Kind: 'EntityContainer' };
  for (const entitySet of model.entitySets) container[entitySet.name] = toEntitySet(entitySet, names);
  return Object.assign(container, toAnnotations(model.containerAnnotations, names));
}

function toEntitySet(entitySet: EntitySet, names: Names): JsonObject {
  const json = { $Collection: true, $Type: names.element(entitySet.entityType.qualifiedName) };
  return Object.assign(json, toAnnotations(entitySet.annotations, names));
}

/** `"@Alias.Term": value`; the model already holds values in their CSDL JSON form. Copies keep the model untouched. */
function toAnnotations(annotations: Annotations, names: Names): JsonObject {
  return Object.fromEntries(Object.entries(annotations).map(([term, value]) => [names.term(term), toValue(value, names)]));
}

/** A copy of the value whose nested annotations (`@Namespace.Term` members of records) are written by alias too. */
function toValue(value: AnnotationValue, names: Names): unknown {
  if (Array.isArray(value)) return value.map((item) => toValue(item, names));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([member, item]) => [
    member.startsWith('@') && member !== '@type' ? names.term(member.slice(1)) : member, toValue(item, names),
  ]));
}
