// Reads the CSDL XML file once, at start-up, into the typed ServiceModel; refuses what the service cannot serve.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CsdlError } from './csdl-error';
import { readEntitySetCapabilities } from './entity-set-capabilities';
import { readChangeTracking } from './entity-set-change-tracking';
import { readBoundFunctions } from './read-bound-functions';
import { readEntitySetIndexes } from './entity-set-indexes';
import { readEntitySetPermissions } from './entity-set-permissions';
import { readAuthorizations } from './read-authorizations';
import { readEntityTypes } from './read-entity-types';
import { readAnnotations, type AnnotationScope } from './read-annotations';
import type { AuthorizationScheme, BoundFunction, EntitySet, EntityType, ServiceModel, VocabularyReference } from './service-model';
import { attribute, children, parseXml, rejectUnsupported, type XmlElement } from './xml-element';

const SCHEMA_CHILDREN = new Set(['EntityType', 'Function', 'EntityContainer', 'Annotation']);
const CONTAINER_CHILDREN = new Set(['EntitySet', 'Annotation']);

export function readCsdl(path: string): ServiceModel {
  const file = resolve(path);
  let xml: string;
  try {
    xml = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CsdlError(file, 'file', `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return readCsdlText(xml, file);
}

export function readCsdlText(xml: string, file: string): ServiceModel {
  const document = parseXml(xml);
  if (typeof document === 'string') throw new CsdlError(file, 'document', document);
  const edmx = single(document, 'edmx:Edmx', 'document', file);
  const version = attribute(edmx, 'Version') ?? '';
  if (version !== '4.0' && version !== '4.01') throw new CsdlError(file, 'edmx:Edmx', `Version '${version}' is not 4.0 or 4.01`);
  const references = readReferences(edmx);
  const schema = single(single(edmx, 'edmx:DataServices', 'edmx:Edmx', file), 'Schema', 'edmx:DataServices', file);
  const schemaNamespace = attribute(schema, 'Namespace') ?? '';
  const schemaAlias = attribute(schema, 'Alias');
  const where = `Schema '${schemaNamespace}'`;
  rejectUnsupported(schema, SCHEMA_CHILDREN, where, file);
  const scope: AnnotationScope = {
    file, namespaces: vocabularyNamespaces(references), uris: new Map(references.map((reference) => [reference.namespace, reference.uri])),
  };
  const entityTypes = readEntityTypes(schema, schemaNamespace, schemaAlias, scope);
  const functions = readBoundFunctions(schema, schemaNamespace, entityTypes, qualifiedIn(schemaNamespace, schemaAlias), file);
  const container = single(schema, 'EntityContainer', where, file);
  const containerName = attribute(container, 'Name') ?? '';
  const containerWhere = `EntityContainer '${containerName}'`;
  rejectUnsupported(container, CONTAINER_CHILDREN, containerWhere, file);
  // CSDL 4.01, Schema: its children have unique names (the CSDL JSON schema object is keyed by them).
  checkUnique([...entityTypes.map((type) => type.name), ...functions.map((fn) => fn.name), containerName], where, file);
  const containerAnnotations = readAnnotations(container, containerWhere, scope);
  const authorizations = readAuthorizations(containerAnnotations, file, containerWhere);
  const entitySets = readEntitySets(container, entityTypes, functions, qualifiedIn(schemaNamespace, schemaAlias), scope, authorizations);
  checkUnique(entitySets.map((set) => set.name), containerWhere, file);
  if (entitySets.length === 0) throw new CsdlError(file, containerWhere, 'declares no EntitySet');
  return {
    file, xml, version, references, schemaNamespace, schemaAlias, entityTypes, functions, containerName, entitySets,
    containerAnnotations, authorizations,
    schemaAnnotations: readAnnotations(schema, where, scope),
  };
}

function readEntitySets(
  container: XmlElement, entityTypes: readonly EntityType[], functions: readonly BoundFunction[], qualify: (name: string) => string,
  scope: AnnotationScope, schemes: readonly AuthorizationScheme[],
): EntitySet[] {
  return children(container, 'EntitySet').map((set): EntitySet => {
    const name = attribute(set, 'Name') ?? '';
    const where = `EntitySet '${name}'`;
    const entityType = entityTypes.find((type) => type.qualifiedName === qualify(attribute(set, 'EntityType') ?? ''));
    if (!entityType) throw new CsdlError(scope.file, where, `EntityType '${attribute(set, 'EntityType')}' is not declared`);
    if (entityType.abstract) throw new CsdlError(scope.file, where, `EntityType '${entityType.name}' is abstract`);
    const annotations = readAnnotations(set, where, scope);
    const capabilities = readEntitySetCapabilities(annotations, entityType, scope.file, where);
    const changeTracking = readChangeTracking(annotations, entityType, functions, scope.file, where);
    return {
      name, entityType, annotations, capabilities,
      permissions: readEntitySetPermissions(annotations, capabilities, schemes, scope.file, where),
      indexes: readEntitySetIndexes(annotations, entityType, scope.file, where),
      ...(changeTracking ? { changeTracking } : {}),
    };
  });
}

/** Turns an alias-qualified name of the schema into its namespace-qualified name; other names pass unchanged. */
function qualifiedIn(namespace: string, alias: string | undefined): (name: string) => string {
  return (name) => (alias !== undefined && name.startsWith(`${alias}.`) ? `${namespace}${name.slice(alias.length)}` : name);
}

function checkUnique(names: readonly string[], where: string, file: string): void {
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) throw new CsdlError(file, where, `the name '${duplicate}' is declared twice`);
}

/** Annotation terms come only from referenced vocabularies: the schema itself declares no Term. */
function vocabularyNamespaces(references: readonly VocabularyReference[]): Map<string, string> {
  const namespaces = new Map<string, string>();
  for (const reference of references) {
    namespaces.set(reference.namespace, reference.namespace);
    if (reference.alias) namespaces.set(reference.alias, reference.namespace);
  }
  return namespaces;
}

function readReferences(edmx: XmlElement): VocabularyReference[] {
  return children(edmx, 'edmx:Reference').flatMap((reference) => children(reference, 'edmx:Include').map((include) => ({
    uri: attribute(reference, 'Uri') ?? '',
    namespace: attribute(include, 'Namespace') ?? '',
    alias: attribute(include, 'Alias'),
  })));
}

function single(parent: XmlElement, name: string, where: string, file: string): XmlElement {
  const found = children(parent, name);
  if (found.length !== 1) throw new CsdlError(file, where, `expects exactly one <${name}>, found ${found.length}`);
  return found[0];
}
