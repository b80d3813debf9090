// Reads the schema's Function elements; the service implements one: Graph's bound `delta` on a collection of entities.
import { CsdlError } from './csdl-error';
import type { BoundFunction, EntityType } from './service-model';
import { attribute, children, rejectUnsupported, type XmlElement } from './xml-element';

const FUNCTION_CHILDREN = new Set(['Parameter', 'ReturnType', 'Annotation']);
const COLLECTION = /^Collection\((.+)\)$/;

/** `qualify` turns an alias-qualified name of the schema into its namespace-qualified name. */
export function readBoundFunctions(
  schema: XmlElement, namespace: string, entityTypes: readonly EntityType[], qualify: (name: string) => string, file: string,
): BoundFunction[] {
  return children(schema, 'Function').map((element) => {
    const name = attribute(element, 'Name') ?? '';
    const where = `Function '${name}'`;
    rejectUnsupported(element, FUNCTION_CHILDREN, where, file);
    if (name !== 'delta') throw new CsdlError(file, where, 'is not supported by this service: the only function it implements is the bound delta');
    if (attribute(element, 'IsBound') !== 'true') throw new CsdlError(file, where, 'must be bound (IsBound="true") to a collection of entities');
    for (const unsupported of ['IsComposable', 'EntitySetPath']) {
      if (attribute(element, unsupported) !== undefined) throw new CsdlError(file, where, `${unsupported} is not supported`);
    }
    const parameters = children(element, 'Parameter');
    if (parameters.length !== 1) throw new CsdlError(file, where, `needs exactly one Parameter (the binding parameter), found ${parameters.length}`);
    const bindingType = collectionOf(attribute(parameters[0], 'Type'), entityTypes, qualify, `${where}, Parameter`, file);
    const returns = children(element, 'ReturnType');
    if (returns.length !== 1) throw new CsdlError(file, where, 'needs exactly one ReturnType');
    const returnType = collectionOf(attribute(returns[0], 'Type'), entityTypes, qualify, `${where}, ReturnType`, file);
    if (returnType !== bindingType) throw new CsdlError(file, where, `returns Collection(${returnType}) but is bound to Collection(${bindingType})`);
    return {
      name, qualifiedName: `${namespace}.${name}`,
      bindingParameter: { name: attribute(parameters[0], 'Name') ?? '', entityType: bindingType }, returnType,
    };
  });
}

function collectionOf(
  type: string | undefined, entityTypes: readonly EntityType[], qualify: (name: string) => string, where: string, file: string,
): string {
  const element = COLLECTION.exec(type ?? '')?.[1];
  const entityType = element === undefined ? undefined : entityTypes.find((candidate) => candidate.qualifiedName === qualify(element));
  if (!entityType) throw new CsdlError(file, where, `Type '${type}' must be Collection(<an entity type of this schema>)`);
  return entityType.qualifiedName;
}
