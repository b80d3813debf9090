// The standalone server's Express app: a host like any other, with the gateway mounted at /beta and health at the root.
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { ResourceNotFoundError } from '../errors/graph-error';
import type { ODataGateway } from '../gateway-options';
import { errorMiddleware } from '../http/error-middleware';
import { contentLength } from '../http/content-length';
import { healthRoutes } from '../http/health-routes';
import { requestIds } from '../http/request-ids';
import type { Logger } from '../log/logger';

/** The OData service root of the standalone server (Graph's beta endpoint). */
export const SERVICE_PATH = '/beta';

export interface StandaloneOptions {
  /** Serve gateway.metrics at /metrics (METRICS). */
  readonly metrics?: boolean;
}

export function createStandaloneApp(gateway: ODataGateway, logger: Logger, options: StandaloneOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', false); // each OData handler reads the raw query string itself
  // First: every request of the service crosses one layer of the app (the gateway sets its own Content-Length).
  app.use(SERVICE_PATH, gateway.router);
  app.use(contentLength); // Content-Length on one-piece answers, HEAD included (/healthz, /metrics and the 404s)
  app.use(healthRoutes(gateway.health, gateway.readiness)); // /healthz, /readyz: outside the service root and its limits
  if (options.metrics !== false) app.get('/metrics', gateway.metrics); // Prometheus, outside the service root like /healthz
  app.use(requestIds, notFound, errorMiddleware(logger)); // anything outside the service root: Graph's 404
  return app;
}

function notFound(req: Request, _res: Response, next: NextFunction): void {
  next(new ResourceNotFoundError(`The service has no resource at '${req.path}'.`));
}
