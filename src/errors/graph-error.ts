// The error catalogue: every error the service answers with, its HTTP status and its Graph error code.

/** One entry of Graph's `details[]`: which part of the request is wrong, and why. */
export interface GraphErrorDetail {
  readonly code: string;
  readonly message: string;
  readonly target?: string;
}

export interface GraphErrorOptions {
  readonly target?: string;
  readonly details?: readonly GraphErrorDetail[];
  /** Response headers the error requires (`Allow`, `Retry-After`, `WWW-Authenticate`). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly cause?: unknown;
}

export abstract class GraphError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  readonly target?: string;
  readonly details: readonly GraphErrorDetail[];
  readonly headers: Readonly<Record<string, string>>;

  constructor(message: string, options: GraphErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.target = options.target;
    this.details = options.details ?? [];
    this.headers = options.headers ?? {};
  }
}

export class BadRequestError extends GraphError {
  readonly status = 400;
  readonly code = 'badRequest';
}

export class UnauthenticatedError extends GraphError {
  readonly status = 401;
  readonly code = 'InvalidAuthenticationToken';
}

export class AccessDeniedError extends GraphError {
  readonly status = 403;
  readonly code = 'accessDenied';
}

/** The addressed entity does not exist. */
export class ItemNotFoundError extends GraphError {
  readonly status = 404;
  readonly code = 'itemNotFound';
}

/** The URL addresses no resource of the service. */
export class ResourceNotFoundError extends GraphError {
  readonly status = 404;
  readonly code = 'notFound';
}

export class MethodNotAllowedError extends GraphError {
  readonly status = 405;
  readonly code = 'methodNotAllowed';
}

export class NotAcceptableError extends GraphError {
  readonly status = 406;
  readonly code = 'notAcceptable';
}

export class ConflictError extends GraphError {
  readonly status = 409;
  readonly code = 'conflict';
}

/** A delta token older than the tombstones the service keeps (Graph: 410 Gone, resync from the Location). */
export class ResyncRequiredError extends GraphError {
  readonly status = 410;
  readonly code = 'resyncRequired';
}

export class PreconditionFailedError extends GraphError {
  readonly status = 412;
  readonly code = 'preconditionFailed';
}

/** A change to an entity set annotated Core.OptimisticConcurrency came without If-Match (RFC 6585, 3). */
export class PreconditionRequiredError extends GraphError {
  readonly status = 428;
  readonly code = 'preconditionRequired';
}

/** A batch request was not run because a request it depends on failed (Graph JSON batching, `dependsOn`). */
export class FailedDependencyError extends GraphError {
  readonly status = 424;
  readonly code = 'failedDependency';
}

export class PayloadTooLargeError extends GraphError {
  readonly status = 413;
  readonly code = 'requestEntityTooLarge';

  /** One message for every body over its limit (the request's, an inner request's, the batch's). */
  constructor(message = 'The request body is larger than the service accepts.', options: GraphErrorOptions = {}) {
    super(message, options);
  }
}

export class UnsupportedMediaTypeError extends GraphError {
  readonly status = 415;
  readonly code = 'unsupportedMediaType';
}

export class TooManyRequestsError extends GraphError {
  readonly status = 429;
  readonly code = 'tooManyRequests';
}

export class InternalServerError extends GraphError {
  readonly status = 500;
  readonly code = 'generalException';
}

/** The request uses OData functionality the service does not implement (OData Protocol 9.3.1). */
export class NotImplementedError extends GraphError {
  readonly status = 501;
  readonly code = 'notImplemented';
}

export class ServiceUnavailableError extends GraphError {
  readonly status = 503;
  readonly code = 'serviceNotAvailable';
}

/** Every class of the catalogue, for the documentation table and its test. */
export const errorCatalogue = [
  BadRequestError, UnauthenticatedError, AccessDeniedError, ItemNotFoundError, ResourceNotFoundError,
  MethodNotAllowedError, NotAcceptableError, ConflictError, ResyncRequiredError, PreconditionFailedError, PayloadTooLargeError,
  UnsupportedMediaTypeError, FailedDependencyError, PreconditionRequiredError, TooManyRequestsError, InternalServerError, NotImplementedError,
  ServiceUnavailableError,
] as const;
