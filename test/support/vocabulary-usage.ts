// Checks the model's annotations against the vocabulary files (OASIS and our own): the term exists, applies to its target, its value fits.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnnotationValue, Annotations, ServiceModel } from '../../src/model/service-model';
import { REPO_ROOT, SHARED_ODATA_DIR } from './shared-odata-dir';

/** Where vocabulary files (CSDL JSON) are looked for: the OASIS ones, then the project's own (metadata/vocabularies). */
export const VOCABULARY_DIRS: readonly string[] = [join(SHARED_ODATA_DIR, 'vocabularies'), join(REPO_ROOT, 'metadata', 'vocabularies')];

type JsonObject = Readonly<Record<string, unknown>>;

/**
 * OASIS vocabularies the offline copy in shared/odata does not hold, so their terms cannot be checked here, and who
 * checks them instead. (Ask for the file to be added to shared/odata/vocabularies; then this entry goes.)
 */
export const VOCABULARIES_CHECKED_ELSEWHERE: Readonly<Record<string, string>> = {
  'Org.OData.Authorization.V1': 'src/model/read-authorizations.ts refuses record types and members it does not know',
};

/** A model element that carries annotations, with its kind as a term's $AppliesTo names it. */
interface Target { readonly kind: string; readonly where: string; readonly annotations: Annotations }

/** The referenced vocabulary schemas by namespace, and the namespace of every alias the vocabulary files use. */
interface Vocabularies { readonly schemas: Map<string, JsonObject>; readonly namespaces: Map<string, string> }

interface TypeUse { readonly name: string; readonly collection: boolean }

/** What a check reads, and where it reports. */
interface Check { readonly vocabularies: Vocabularies; readonly problems: string[] }

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

const PRIMITIVE_CHECKS: Readonly<Record<string, (value: unknown) => boolean>> = {
  'Edm.Boolean': (value) => typeof value === 'boolean',
  'Edm.String': (value) => typeof value === 'string',
  'Edm.Guid': (value) => typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
  'Edm.Int32': (value) => Number.isInteger(value),
  'Edm.Int64': (value) => Number.isInteger(value),
  'Edm.PropertyPath': (value) => isObject(value) && typeof value.$PropertyPath === 'string',
  'Edm.NavigationPropertyPath': (value) => isObject(value) && typeof value.$NavigationPropertyPath === 'string',
};

/** Every problem found, as `where, term: reason`; empty when all annotations fit their vocabularies. */
export function checkVocabularyUsage(model: ServiceModel): string[] {
  const problems: string[] = [];
  const check: Check = { vocabularies: loadVocabularies(model, problems), problems };
  for (const target of targetsOf(model)) {
    for (const [term, value] of Object.entries(target.annotations)) checkAnnotation(term, value, target, check);
  }
  return problems;
}

function targetsOf(model: ServiceModel): Target[] {
  return [
    { kind: 'Schema', where: `Schema '${model.schemaNamespace}'`, annotations: model.schemaAnnotations ?? {} },
    ...model.entityTypes.flatMap((type) => [
      { kind: 'EntityType', where: `EntityType '${type.name}'`, annotations: type.annotations },
      ...type.properties.filter((property) => property.declaredBy === type.name).map((property) => ({
        kind: 'Property', where: `EntityType '${type.name}', Property '${property.name}'`, annotations: property.annotations,
      })),
    ]),
    { kind: 'EntityContainer', where: `EntityContainer '${model.containerName}'`, annotations: model.containerAnnotations },
    ...model.entitySets.map((set) => ({ kind: 'EntitySet', where: `EntitySet '${set.name}'`, annotations: set.annotations })),
  ];
}

function loadVocabularies(model: ServiceModel, problems: string[]): Vocabularies {
  const vocabularies: Vocabularies = { schemas: new Map(), namespaces: new Map() };
  for (const { namespace } of model.references) {
    const file = VOCABULARY_DIRS.map((directory) => join(directory, `${namespace}.json`)).find((path) => existsSync(path));
    if (!file && namespace in VOCABULARIES_CHECKED_ELSEWHERE) continue;
    if (!file) {
      problems.push(`edmx:Reference '${namespace}': no vocabulary file ${namespace}.json in ${VOCABULARY_DIRS.join(' or ')}`);
      continue;
    }
    const document = JSON.parse(readFileSync(file, 'utf8')) as Record<string, JsonObject>;
    const schema = document[namespace];
    vocabularies.schemas.set(namespace, schema);
    // Type names inside a vocabulary use its own aliases ("Capabilities.…", "Core.Tag").
    vocabularies.namespaces.set(String(schema.$Alias), namespace);
    for (const reference of Object.values(document.$Reference ?? {})) {
      for (const include of (reference as { $Include?: JsonObject[] }).$Include ?? []) {
        if (include.$Alias) vocabularies.namespaces.set(String(include.$Alias), String(include.$Namespace));
      }
    }
  }
  return vocabularies;
}

/** A schema element of a vocabulary by namespace- or alias-qualified name. */
function lookup(qualifiedName: string, vocabularies: Vocabularies): JsonObject | undefined {
  const dot = qualifiedName.lastIndexOf('.');
  const prefix = qualifiedName.slice(0, dot);
  const element = vocabularies.schemas.get(vocabularies.namespaces.get(prefix) ?? prefix)?.[qualifiedName.slice(dot + 1)];
  return isObject(element) ? element : undefined;
}

const typeOf = (definition: JsonObject): TypeUse => ({
  name: typeof definition.$Type === 'string' ? definition.$Type : 'Edm.String', // CSDL JSON: absent $Type is Edm.String
  collection: definition.$Collection === true,
});

function checkAnnotation(term: string, value: AnnotationValue, target: Target, check: Check): void {
  const where = `${target.where}, ${term}`;
  if (term.slice(0, term.lastIndexOf('.')) in VOCABULARIES_CHECKED_ELSEWHERE) return;
  const definition = lookup(term, check.vocabularies);
  if (definition?.$Kind !== 'Term') {
    check.problems.push(`${where}: no such term in the referenced vocabulary files`);
    return;
  }
  const appliesTo = definition.$AppliesTo;
  if (Array.isArray(appliesTo) && !appliesTo.includes(target.kind)) {
    check.problems.push(`${where}: the term applies to ${appliesTo.join(', ')}, not to ${target.kind}`);
  }
  checkValue(value, typeOf(definition), where, check);
}

function checkValue(value: unknown, type: TypeUse, where: string, check: Check): void {
  if (value === null) return;
  if (type.collection) {
    if (!Array.isArray(value)) check.problems.push(`${where}: must be a Collection(${type.name})`);
    else value.forEach((item, index) => checkValue(item, { ...type, collection: false }, `${where}[${index}]`, check));
    return;
  }
  const definition = lookup(type.name, check.vocabularies);
  if (definition?.$Kind === 'ComplexType') checkRecord(value, type.name, where, check);
  else if (definition?.$Kind === 'EnumType') checkEnumValue(value, type.name, definition, where, check);
  else {
    const primitive = definition?.$Kind === 'TypeDefinition' ? String(definition.$UnderlyingType) : type.name;
    if (PRIMITIVE_CHECKS[primitive]?.(value) === false) {
      check.problems.push(`${where}: ${JSON.stringify(value)} is not of type ${type.name}`);
    }
  }
}

function checkRecord(value: unknown, typeName: string, where: string, check: Check): void {
  if (!isObject(value) || Object.keys(value).some((member) => member.startsWith('$'))) {
    check.problems.push(`${where}: must be a record of ${typeName}`);
    return;
  }
  for (const [member, memberValue] of Object.entries(value)) {
    if (member === '@type') continue; // the record's own type, a subtype of the declared one (checked by the model reader)
    if (member.startsWith('@')) { // an annotation of the record itself
      checkAnnotation(member.slice(1), memberValue as AnnotationValue, { kind: 'Record', where, annotations: {} }, check);
      continue;
    }
    if (member.includes('@')) continue; // an annotation on one of its members
    const property = findProperty(typeName, member, check.vocabularies);
    if (property) checkValue(memberValue, typeOf(property), `${where}/${member}`, check);
    else check.problems.push(`${where}: '${member}' is not a property of ${typeName} or its base types`);
  }
}

/** A structural property of a complex type, following $BaseType. */
function findProperty(typeName: string, member: string, vocabularies: Vocabularies): JsonObject | undefined {
  for (let type = lookup(typeName, vocabularies); type; type = lookupBase(type, vocabularies)) {
    const property = type[member];
    if (isObject(property)) return property;
  }
  return undefined;
}

function lookupBase(type: JsonObject, vocabularies: Vocabularies): JsonObject | undefined {
  return typeof type.$BaseType === 'string' ? lookup(type.$BaseType, vocabularies) : undefined;
}

function checkEnumValue(value: unknown, typeName: string, definition: JsonObject, where: string, check: Check): void {
  const members = typeof value === 'string' ? value.split(',') : [];
  const unknown = members.filter((member) => member.startsWith('$') || member.includes('@') || !(member in definition));
  if (members.length === 0 || unknown.length > 0) {
    check.problems.push(`${where}: ${JSON.stringify(value)} is not a member of ${typeName}`);
  }
}
