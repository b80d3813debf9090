// The query errors: syntax errors (400 with the position), unknown names (400 with the name as target), unsupported features (501).
import { BadRequestError, NotImplementedError } from '../errors/graph-error';

/** A syntax error in a query option value; `at` is the 0-based character position in the decoded value. */
export function syntaxError(option: string, at: number, reason: string): BadRequestError {
  return new BadRequestError(`Syntax error in ${option} at position ${at}: ${reason}.`, { target: option });
}

export function badRequest(message: string, target: string): BadRequestError {
  return new BadRequestError(message, { target });
}

/** OData Protocol 9.3.1: functionality the service does not implement answers 501. */
export function notImplemented(message: string, target: string): NotImplementedError {
  return new NotImplementedError(message, { target });
}

export function unknownProperty(name: string, entityTypeName: string, option: string): BadRequestError {
  return new BadRequestError(`Could not find a property named '${name}' on type '${entityTypeName}' (in ${option}).`, { target: name });
}
