// The one place that knows foreign error shapes (body parser, OData parser and server, drivers, passport).
import {
  BadRequestError, ConflictError, GraphError, InternalServerError, ItemNotFoundError, MethodNotAllowedError, NotImplementedError,
  PayloadTooLargeError, ServiceUnavailableError, UnsupportedMediaTypeError,
} from './graph-error';

interface ForeignError {
  readonly message?: unknown;
  readonly type?: unknown;
  readonly status?: unknown;
  readonly statusCode?: unknown;
  readonly code?: unknown;
  readonly name?: unknown;
}

const RETRY_AFTER = { 'Retry-After': '5' };

/** pg reports a connection lost mid-query, or a pool that cannot connect in time, without a code. */
const LOST_CONNECTION = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout)/;

/** Driver conditions that mean "try again later", never a 500 (SQLite busy/locked, connection lost). */
const UNAVAILABLE_CODES = new Set([
  'SQLITE_BUSY', 'SQLITE_LOCKED', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND',
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300',
  '40001', '40P01', // serialization failure, deadlock: the client may simply retry
  '57014', // statement_timeout: the database is too busy to answer in time
  'ETRANSACTIONTIMEOUT', 'ETRANSACTIONENDED', // a store transaction ran out of time (src/persistence/transaction-context.ts)
]);

export function toGraphError(error: unknown): GraphError {
  if (error instanceof GraphError) return error;
  const foreign = (typeof error === 'object' && error !== null ? error : {}) as ForeignError;
  return fromBodyParser(foreign, error)
    ?? fromODataLibraries(foreign, error)
    ?? fromDriver(foreign, error)
    ?? new InternalServerError('An unexpected error occurred.', { cause: error });
}

/** body-parser (express.json) sets `type` on the errors it raises. */
function fromBodyParser(foreign: ForeignError, cause: unknown): GraphError | undefined {
  switch (foreign.type) {
    case 'entity.parse.failed':
      return new BadRequestError('The request body is not valid JSON.', { cause });
    case 'entity.too.large':
      return new PayloadTooLargeError(undefined, { cause });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new UnsupportedMediaTypeError('The request body uses an unsupported content encoding or charset.', { cause });
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new BadRequestError('The request body could not be read.', { cause });
    default:
      return undefined;
  }
}

/** odata-v4-parser throws plain errors "Unexpected character at N"; odata-v4-server throws HttpRequestError. */
function fromODataLibraries(foreign: ForeignError, cause: unknown): GraphError | undefined {
  const message = typeof foreign.message === 'string' ? foreign.message : '';
  const position = /^Unexpected character at (\d+)$/.exec(message);
  if (position) return new BadRequestError(`The request URL has a syntax error at position ${position[1]}.`, { cause });
  if (foreign.name === 'ResourceNotFoundError' && foreign.statusCode === 404) {
    return new ItemNotFoundError('The requested resource does not exist.', { cause });
  }
  if (foreign.name === 'MethodNotAllowedError') return new MethodNotAllowedError('The method is not allowed here.', { cause });
  if (foreign.name === 'NotImplementedError' && foreign.statusCode === 501) {
    return new NotImplementedError('The requested functionality is not implemented.', { cause });
  }
  return undefined;
}

/** Unique violations: SQLite's constraint codes and PostgreSQL's SQLSTATE 23505. */
const CONFLICT_CODES = new Set(['SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE', '23505']);

/** Driver errors arrive bare or wrapped by TypeORM (QueryFailedError keeps the original in `driverError`). */
function fromDriver(foreign: ForeignError, cause: unknown): GraphError | undefined {
  const driverError = (foreign as { driverError?: ForeignError }).driverError ?? foreign;
  const code = typeof driverError.code === 'string' ? driverError.code : '';
  if (CONFLICT_CODES.has(code)) return new ConflictError('An entity with the same key already exists.', { cause });
  const message = typeof driverError.message === 'string' ? driverError.message : '';
  if (UNAVAILABLE_CODES.has(code) || /^SQLITE_BUSY/.test(code) || LOST_CONNECTION.test(message)) {
    return new ServiceUnavailableError('The service is temporarily unavailable; retry later.', { cause, headers: RETRY_AFTER });
  }
  return undefined;
}
