// createGateway: everything built at start-up, then the request pipeline written once, in order.
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { AccessPolicy } from './auth/access-policy';
import { createAccessPolicy } from './auth/create-access-policy';
import { publicBase, type GatewayConfig } from './config/gateway-config';
import { ResourceNotFoundError } from './errors/graph-error';
import { concurrencyLimit } from './http/concurrency-limit';
import { errorMiddleware } from './http/error-middleware';
import { healthRoutes } from './http/health-routes';
import { odataVersion } from './http/odata-version';
import { requestIds } from './http/request-ids';
import { createLogger, type Logger } from './log/logger';
import { readCsdl } from './model/read-csdl';
import type { ServiceModel } from './model/service-model';
import { createODataRouter } from './odata/odata-router';
import { openEntityStore, type EntityStore } from './persistence/entity-store';

/** The OData service root below the public URL (Graph's beta endpoint). */
export const SERVICE_PATH = '/beta';

export interface Gateway {
  readonly app: Express;
  readonly model: ServiceModel;
  readonly store: EntityStore;
  close(): Promise<void>;
}

export interface GatewayOptions {
  readonly logger?: Logger;
  readonly access?: AccessPolicy;
}

export async function createGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<Gateway> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const model = readCsdl(config.csdlFile);
  const access = options.access ?? (await createAccessPolicy(config, model, { logger })); // bearer tokens unless a test opens it
  const store = await openEntityStore(model, config.database);
  try {
    const odata = createODataRouter({
      model, store, base: publicBase(config.publicUrl, SERVICE_PATH),
      access, logger, maxBodyBytes: config.maxBodyBytes, paging: config.paging,
    });
    const app = express();
    app.disable('x-powered-by');
    app.disable('etag');
    app.set('query parser', false); // each OData handler reads the raw query string itself
    app.use(requestIds); // request-id, client-request-id, OData-Version on every response
    app.use(healthRoutes(store, logger)); // /healthz, /readyz: outside the service root and its limits
    app.use(concurrencyLimit(config.limits.maxConcurrentRequests)); // past the limit → 429 + Retry-After
    app.use(SERVICE_PATH, odataVersion, odata); // OData-MaxVersion → resource → method → access → body → operation
    app.use(notFound); // anything outside the service root
    app.use(errorMiddleware(logger)); // any error → Graph error body
    return { app, model, store, close: () => store.close() };
  } catch (error) {
    await store.close();
    throw error;
  }
}

function notFound(req: Request, _res: Response, next: NextFunction): void {
  next(new ResourceNotFoundError(`The service has no resource at '${req.path}'.`));
}
