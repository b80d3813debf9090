// `$<id>` at the start of an inner request's URL: the path, below the service root, of the entity the referenced
// earlier request created (its `Location`), shared by the JSON and the multipart batch formats.
import { BadRequestError } from '../errors/graph-error';
import type { BatchStep } from './batch-request';
import type { StepOutcome } from './run-batch';

/** `$<id>…` with the path below the service root of the entity that request created (its `Location`). */
export function referencedUrl(step: BatchStep, referenced: StepOutcome | undefined, root: string): string | BadRequestError {
  const location = Object.entries(referenced?.headers ?? {}).find(([name]) => name.toLowerCase() === 'location')?.[1];
  if (location === undefined || !location.startsWith(`${root}/`)) {
    return new BadRequestError(`The url refers to the result of request '${referenced?.step.id ?? step.reference}', which created no entity.`);
  }
  return location.slice(root.length) + step.url.replace(/^\/\$[^/?(]+/, '');
}
