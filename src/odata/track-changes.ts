// Prefer: odata.track-changes on a collection GET (OData 4.01 Part 1, 8.2.8.8): applied when the query is one delta can carry.
import type { Request } from 'express';
import { readPreferences } from '../http/prefer-header';
import type { EntitySet } from '../model/service-model';
import { splitQueryOptions } from '../query';
import { rawQueryOf } from './read-collection';

const DELTA_OPTIONS = new Set(['filter', 'select', 'format']);

/**
 * True when the set is change-tracked and the request asks for it with options delta accepts ($filter, $select); the
 * request is then answered as the initial delta round, with Preference-Applied. Otherwise the preference is not applied
 * (a preference is a hint) and the collection answers as usual, without Preference-Applied.
 */
export function tracksChanges(entitySet: EntitySet, req: Request): boolean {
  if (!entitySet.changeTracking || !readPreferences(req.get('prefer')).has('odata.track-changes')) return false;
  const { system, aliases } = splitQueryOptions(rawQueryOf(req));
  return aliases.size === 0 && [...system.keys()].every((option) => DELTA_OPTIONS.has(option));
}
