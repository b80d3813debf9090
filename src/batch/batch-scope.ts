// What a request of a JSON batch may name, and the OData JSON Format 4.01 §19.1 rules on atomicity groups: a group's
// requests are adjacent, a group name is not a request id (both compared without case, as ids are), `dependsOn`
// names earlier requests or earlier groups, and a request that depends on a request of another group names that group.
import { BadRequestError } from '../errors/graph-error';

/** OData ABNF `request-id = 1*unreserved`. */
const REQUEST_ID = /^[A-Za-z0-9._~-]+$/;

export interface BatchScope {
  /** Keys (lower case) of the requests read so far. */
  readonly ids: Set<string>;
  /** Group key of each request read so far that belongs to one. */
  readonly groupOf: Map<string, string>;
  /** Keys of the groups seen so far. */
  readonly groups: Set<string>;
  /** The group of the request read last, which the next request may continue. */
  last?: string;
}

export const newBatchScope = (): BatchScope => ({ ids: new Set(), groupOf: new Map(), groups: new Set() });

/** The request's group key (lower case) after checking its name, its adjacency and the id rules; undefined for none. */
export function readGroup(value: unknown, key: string, scope: BatchScope, target: string): string | undefined {
  if (scope.groups.has(key)) throw new BadRequestError(`The id '${key}' is also the name of an atomicity group (ids and group names must differ).`, { target: `${target}.id` });
  if (value === undefined) return undefined;
  const at = `${target}.atomicityGroup`;
  if (typeof value !== 'string' || !REQUEST_ID.test(value)) {
    throw new BadRequestError('"atomicityGroup" must be a non-empty string of letters, digits and - . _ ~ (OData request-id).', { target: at });
  }
  const group = value.toLowerCase();
  if (group === key || scope.ids.has(group)) throw new BadRequestError(`The atomicity group '${value}' has the name of a request id (ids and group names must differ).`, { target: at });
  if (group !== scope.last && scope.groups.has(group)) {
    throw new BadRequestError(`The requests of atomicity group '${value}' must be adjacent in the "requests" array.`, { target: at });
  }
  return group;
}

/** Keys of the earlier requests and groups `value` names, checked against the rules above. */
export function readDependsOn(value: unknown, group: string | undefined, scope: BatchScope, target: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((id) => typeof id !== 'string')) {
    throw new BadRequestError('A batch request\'s "dependsOn" must be an array of request ids or atomicity group names.', { target });
  }
  const names = (value as string[]).map((name) => name.toLowerCase());
  names.forEach((name, index) => {
    const sent = (value as string[])[index];
    if (name === group) throw new BadRequestError(`"dependsOn" names '${sent}', the request's own atomicity group.`, { target });
    if (scope.groups.has(name)) return;
    if (!scope.ids.has(name)) {
      throw new BadRequestError(`"dependsOn" names '${sent}', which is neither an earlier request nor an earlier atomicity group of the batch.`, { target });
    }
    const other = scope.groupOf.get(name);
    if (other !== undefined && other !== group && !names.includes(other)) {
      throw new BadRequestError(`"dependsOn" names '${sent}' of atomicity group '${other}', so it must name that group too.`, { target });
    }
  });
  return names;
}

/** Records a request once read. */
export function addToScope(scope: BatchScope, key: string, group: string | undefined): void {
  scope.ids.add(key);
  if (group !== undefined) {
    scope.groups.add(group);
    scope.groupOf.set(key, group);
  }
  scope.last = group;
}
