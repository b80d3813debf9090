// Entity tags for entity sets annotated Core.OptimisticConcurrency (OData 4.01 Part 1, 11.4.1.1; RFC 7232).
import { createHash } from 'node:crypto';
import { PreconditionFailedError, PreconditionRequiredError } from '../errors/graph-error';
import { CORE, type EntitySet } from '../model/service-model';

export type EntityTagger = (entity: Readonly<Record<string, unknown>>) => string;

/**
 * Undefined when the entity set does not declare Core.OptimisticConcurrency (its entities then carry no ETag);
 * otherwise a strong tag over the listed properties, or over every property for an empty list.
 */
export function createEntityTagger(entitySet: EntitySet): EntityTagger | undefined {
  const annotation = entitySet.annotations[`${CORE}.OptimisticConcurrency`];
  if (annotation === undefined) return undefined;
  const listed = (Array.isArray(annotation) ? annotation : []).map((path) =>
    (typeof path === 'object' && path !== null && !Array.isArray(path) ? String(path.$PropertyPath) : String(path)));
  const names = listed.length > 0 ? listed : entitySet.entityType.properties.map((property) => property.name);
  return (entity) => `"${createHash('sha256').update(JSON.stringify(names.map((name) => entity[name] ?? null))).digest('base64url')}"`;
}

function matches(header: string, tag: string): boolean {
  return header.split(',').some((candidate) => candidate.trim() === '*' || candidate.trim() === tag);
}

/** If-Match before a change: required when the set uses ETags, and it must name the current tag or `*`. */
export function checkIfMatch(ifMatch: string | undefined, tagger: EntityTagger | undefined, current: Readonly<Record<string, unknown>>): void {
  if (!tagger) return;
  if (ifMatch === undefined) throw new PreconditionRequiredError('This entity set requires If-Match with the entity\'s ETag for changes.');
  if (!matches(ifMatch, tagger(current))) {
    throw new PreconditionFailedError('The entity has changed since the ETag in If-Match was issued.');
  }
}

/** If-None-Match on a read: true when the client's copy is current (answer 304). */
export function isNotModified(ifNoneMatch: string | undefined, tag: string | undefined): boolean {
  return ifNoneMatch !== undefined && tag !== undefined && matches(ifNoneMatch, tag);
}
