// Resolves the resource path of an OData URL (OData 4.01 Part 2, section 4) against the model.
import { BadRequestError, ResourceNotFoundError } from '../errors/graph-error';
import { primitiveType } from '../model/edm-primitive-types';
import type { EntitySet, ServiceModel } from '../model/service-model';

export type ResourcePath =
  | { readonly kind: 'serviceDocument' }
  | { readonly kind: 'metadata' }
  | { readonly kind: 'collection'; readonly entitySet: EntitySet }
  | { readonly kind: 'count'; readonly entitySet: EntitySet }
  /** The bound function delta (Graph's delta query), when the set is change-tracked: src/delta. */
  | { readonly kind: 'delta'; readonly entitySet: EntitySet }
  | { readonly kind: 'entity'; readonly entitySet: EntitySet; readonly key: string }
  /** OData 4.01 Part 2, 4.6: one property of an entity, `/$value` for its raw value. */
  | { readonly kind: 'property'; readonly entitySet: EntitySet; readonly key: string; readonly property: string; readonly raw: boolean };

const SET_WITH_KEY = /^([A-Za-z_][A-Za-z0-9_]*)\((.*)\)$/s;

/** `path` is the URL path below the service root, still percent-encoded. */
export function resolveResourcePath(model: ServiceModel, path: string): ResourcePath {
  const segments = path.split('/').slice(1).map(decodeSegment);
  if (segments.length === 1 && segments[0] === '') return { kind: 'serviceDocument' };
  if (segments.length === 1 && segments[0] === '$metadata') return { kind: 'metadata' };
  const [first, second, ...rest] = segments;
  const withKey = SET_WITH_KEY.exec(first);
  const entitySet = findSet(model, withKey ? withKey[1] : first);
  if (withKey) {
    const key = checkKey(parseKeyPredicate(withKey[2], entitySet), entitySet);
    return entityOrProperty(entitySet, key, second === undefined ? [] : [second, ...rest], path);
  }
  if (second === undefined || (second === '' && rest.length === 0)) return { kind: 'collection', entitySet };
  if (second === '$count' && rest.length === 0) return { kind: 'count', entitySet };
  // Before key-as-segment: a bound function's name is not read as a key (OData 4.01 Part 2, 4.3.6).
  if (rest.length === 0 && isDeltaSegment(model, entitySet, second)) return { kind: 'delta', entitySet };
  // OData 4.01 Part 2, 4.3.6: key-as-segment, the key value as a path segment of its own.
  if (second === '' || second.startsWith('$')) throw unknown(path);
  return entityOrProperty(entitySet, checkKey(second, entitySet), rest, path);
}

/** `delta`, `delta()`, and the same namespace- or alias-qualified (Graph SDKs send `microsoft.graph.delta()`). */
function isDeltaSegment(model: ServiceModel, entitySet: EntitySet, segment: string): boolean {
  const qualified = entitySet.changeTracking?.functionName;
  if (qualified === undefined) return false;
  const simple = qualified.slice(qualified.lastIndexOf('.') + 1);
  const names = [simple, qualified, ...(model.schemaAlias ? [`${model.schemaAlias}.${simple}`] : [])];
  const name = segment.endsWith('()') ? segment.slice(0, -2) : segment;
  return names.includes(name);
}

function entityOrProperty(entitySet: EntitySet, key: string, after: readonly string[], path: string): ResourcePath {
  if (after.length === 0) return { kind: 'entity', entitySet, key };
  const [name, value, ...rest] = after;
  const isProperty = entitySet.entityType.properties.some((property) => property.name === name);
  if (!isProperty || rest.length > 0 || (value !== undefined && value !== '$value')) throw unknown(path);
  return { kind: 'property', entitySet, key, property: name, raw: value === '$value' };
}

/** A key must be a valid value of the key property's type, or it could reach the database as garbage. */
function checkKey(key: string, entitySet: EntitySet): string {
  const keyProperty = entitySet.entityType.properties.find((property) => property.name === entitySet.entityType.key[0])!;
  const checked = primitiveType(keyProperty.type).check(key, keyProperty);
  if (!checked.ok) throw new BadRequestError(`The key ${checked.reason}.`, { target: keyProperty.name });
  return key;
}

function findSet(model: ServiceModel, name: string): EntitySet {
  const entitySet = model.entitySets.find((set) => set.name === name);
  if (!entitySet) throw new ResourceNotFoundError(`The service has no resource '${name}'.`);
  return entitySet;
}

/** `('value')` or `(id='value')`; single quotes inside a string literal are doubled (ABNF: SQUOTE-in-string). */
function parseKeyPredicate(predicate: string, entitySet: EntitySet): string {
  const keyName = entitySet.entityType.key[0];
  const named = predicate.startsWith(`${keyName}=`) ? predicate.slice(keyName.length + 1) : predicate;
  const literal = /^'((?:[^']|'')*)'$/s.exec(named);
  if (!literal) {
    throw new BadRequestError(`The key predicate (${predicate}) is not a string literal such as ('value') or (${keyName}='value').`, { target: keyName });
  }
  return literal[1].replace(/''/g, "'");
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BadRequestError('The request URL has invalid percent-encoding.');
  }
}

function unknown(path: string): ResourceNotFoundError {
  return new ResourceNotFoundError(`The service has no resource '${path.slice(1)}'.`);
}
