// The query options a single-entity request accepts (OData 4.01 Part 2, 5.1): `$select` and `$format`.
import { BadRequestError } from '../errors/graph-error';
import type { EntitySet } from '../model/service-model';
import { parseSelect, splitQueryOptions } from '../query';

const ALLOWED = new Set(['select', 'format']);

/** The selected property names in model order, or undefined for all; other collection options are a 400 here. */
export function readEntitySelect(rawQuery: string, entitySet: EntitySet): readonly string[] | undefined {
  const { system } = splitQueryOptions(rawQuery);
  for (const name of system.keys()) {
    if (!ALLOWED.has(name)) throw new BadRequestError(`The query option $${name} does not apply to a single entity.`, { target: `$${name}` });
  }
  const select = system.get('select');
  return select === undefined ? undefined : parseSelect(select, entitySet);
}
