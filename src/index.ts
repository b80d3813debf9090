// The package's one entry point: the factory, its option and result types, and the errors a host may match.
import { createODataGateway as create } from './odata-gateway';
import type { ODataGateway, ODataGatewayOptions } from './gateway-options';

export type {
  DatabaseOptions, DevelopmentAuthOptions, ODataGateway, ODataGatewayOptions, TenantAuthOptions,
} from './gateway-options';
export type { Logger, LogLevel } from './log/logger';
export type { EntitySet, EntityType, ServiceModel } from './model/service-model';
export { ConfigError } from './config/gateway-config';
export { expressServerClasses } from './server/express-server-classes';
export { CsdlError } from './model/csdl-error';
export {
  AccessDeniedError, BadRequestError, ConflictError, GraphError, InternalServerError, ItemNotFoundError, MethodNotAllowedError,
  NotAcceptableError, NotImplementedError, PayloadTooLargeError, PreconditionFailedError, PreconditionRequiredError,
  ResourceNotFoundError, ServiceUnavailableError, TooManyRequestsError, UnauthenticatedError, UnsupportedMediaTypeError,
} from './errors/graph-error';

/**
 * Reads the CSDL, opens the database (creating or checking its tables) and builds the router; throws a ConfigError
 * naming every bad option, a CsdlError for a CSDL the service cannot serve, or the database's error.
 */
export function createODataGateway(options: ODataGatewayOptions): Promise<ODataGateway> {
  return create(options);
}
