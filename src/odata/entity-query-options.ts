// The query options a single-entity request accepts: `$select` (checked against the model) and `$format`.
import type { Request } from 'express';
import { BadRequestError } from '../errors/graph-error';
import type { EntitySet } from '../model/service-model';

export interface EntityOptions {
  /** Comma-separated property names, or undefined for all. */
  readonly select?: string;
}

const ALLOWED = new Set(['select', 'format']);

export function readEntityOptions(req: Request, entitySet: EntitySet): EntityOptions {
  let select: string | undefined;
  for (const [rawName, value] of new URLSearchParams(req.url.split('?')[1] ?? '')) {
    const name = rawName.replace(/^\$/, '').toLowerCase();
    if (!rawName.startsWith('$') && !ALLOWED.has(name)) continue; // a custom query option
    if (!ALLOWED.has(name)) throw new BadRequestError(`The query option ${rawName} is not supported on a single entity.`);
    if (name === 'select') select = checkSelect(value, entitySet);
  }
  return { select };
}

function checkSelect(value: string, entitySet: EntitySet): string | undefined {
  const names = value.split(',').map((name) => name.trim());
  if (names.includes('*')) return undefined;
  for (const name of names) {
    if (!entitySet.entityType.properties.some((property) => property.name === name)) {
      throw new BadRequestError(`$select names '${name}', which is not a property of ${entitySet.entityType.name}.`, { target: name });
    }
  }
  return names.join(',');
}
