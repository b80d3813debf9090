// createODataGateway: the options validated once, everything built at start-up, then the router's phases in order.
import { resolve } from 'node:path';
import { type ErrorRequestHandler, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { AccessPolicy } from './auth/access-policy';
import { createAccessPolicy } from './auth/create-access-policy';
import type { GatewaySettings } from './config/gateway-config';
import { readOptions } from './config/read-options';
import { ServiceUnavailableError } from './errors/graph-error';
import type { ODataGateway, ODataGatewayOptions } from './gateway-options';
import { batchRoute } from './batch/batch-route';
import { accessLog } from './http/access-log';
import { concurrencyLimit } from './http/concurrency-limit';
import { corsPolicy } from './http/cors-policy';
import { responseCompression } from './http/response-compression';
import { errorMiddleware } from './http/error-middleware';
import { createGatewayMetrics, type GatewayMetrics } from './http/gateway-metrics';
import { contentLength } from './http/content-length';
import { handlerSequence } from './http/handler-sequence';
import { healthHandler, readinessHandler } from './http/health-routes';
import { odataVersion } from './http/odata-version';
import { requestIds } from './http/request-ids';
import { createLogger, describeError, type Logger } from './log/logger';
import { readCsdl, readCsdlText } from './model/read-csdl';
import type { ServiceModel } from './model/service-model';
import { createODataHandler } from './odata/odata-handler';
import { OPENAPI_SEGMENT, openApiDocuments, openApiRoute } from './openapi/openapi-route';
import { openEntityStore, type EntityStore } from './persistence/entity-store';
import { startTombstonePurge, type TombstonePurge } from './delta/tombstone-purge';

/** What tests and the standalone server may set beyond the public options. */
export interface GatewayInternals {
  /** Replaces the bearer-token policy (tests that send no token; tests of the policy's own options). */
  readonly access?: AccessPolicy;
}

const stores = new WeakMap<ODataGateway, EntityStore>();

/** The store behind a gateway, for tests (not exported by src/index.ts). */
export function storeOf(gateway: ODataGateway): EntityStore {
  const store = stores.get(gateway);
  if (!store) throw new Error('not a gateway made by createODataGateway');
  return store;
}

export async function createODataGateway(options: ODataGatewayOptions, internals: GatewayInternals = {}): Promise<ODataGateway> {
  const { settings, csdlText } = readOptions(options);
  const logger = options.logger ?? createLogger(settings.logLevel);
  const model = csdlText === undefined ? readCsdl(settings.csdlFile) : readCsdlText(csdlText, resolve('csdl-text.xml'));
  const metrics = createGatewayMetrics(); // first: the access policy and the store report to it
  const access = internals.access ?? (await createAccessPolicy(settings, model, { logger, observeTokenCache: metrics.backend.observeTokenCache }));
  const store = await openEntityStore(model, settings.database, metrics.backend.observeQuery,
    (error) => logger.warn('persistence.wal-checkpoint-failed', describeError(error, false)));
  metrics.backend.watchPool(() => store.poolStats());
  let purge: TombstonePurge | undefined;
  try {
    purge = await startTombstonePurge(store, model.entitySets, settings.deltaRetentionMs, logger);
    // After the store: a start-up that waits for its database converts the documents once, not on every attempt.
    const openApi = await openApiDocuments(model, settings.publicUrl);
    const gateway = assemble({ model, store, purge, access, settings, logger, metrics, openApi });
    stores.set(gateway, store);
    return gateway;
  } catch (error) {
    purge?.stop();
    await store.close();
    throw error;
  }
}

/** What createODataGateway built before the router: model, store, tombstone purge, access policy, metrics, OpenAPI. */
interface GatewayParts {
  readonly model: ServiceModel;
  readonly store: EntityStore;
  readonly purge: TombstonePurge;
  readonly access: AccessPolicy;
  readonly settings: GatewaySettings;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  readonly openApi: Awaited<ReturnType<typeof openApiDocuments>>;
}

function assemble({ model, store, purge, access, settings, logger, metrics, openApi }: GatewayParts): ODataGateway {
  const { publicUrl, maxBodyBytes, paging } = settings;
  const odata = createODataHandler({ model, store, publicUrl, access, logger, maxBodyBytes, paging });
  let closed = false;
  const handleErrors = errorMiddleware(logger); // any error → Graph error body (404 for paths the service does not have)
  // POST $batch: each inner request through `runInner` (below); an atomicity group's requests in one store transaction
  const batch = batchRoute((req, res, done) => runInner(req, res, done), {
    publicUrl, maxBatchBodyBytes: settings.maxBatchBodyBytes, store, groupTimeoutMs: settings.batchTransactionTimeoutMs,
  });
  // At the host's root other paths stay the host's; request-id, client-request-id, OData-Version on every response of
  // the service. Once closed, 503 (after the access log and the metrics, which count it like any other answer).
  const ownPaths = ownPathsAtRoot(model);
  const refuseWhenClosed: RequestHandler = (_req, _res, next) => next(closed ? closedError() : undefined);
  const log = accessLog(logger, settings.accessLogSampleRate); // one `request` line per answer (sampled by ACCESS_LOG)
  const limit = concurrencyLimit(settings.maxConcurrentRequests); // past the limit → 429 + Retry-After
  // $openapi: OpenAPI 3.0/3.1 from the CSDL (public, like $metadata); $batch; OData-MaxVersion → resource → method →
  // access → body → operation
  const service = [openApiRoute(openApi), batch, odataVersion, odata];
  // The phases in order as one prepared function, errors answered by `handleErrors` (a phase that is off by configuration
  // is left out). It is a plain middleware, not an Express Router holding it: a router's dispatch (URL re-parse, layer
  // matching, bookkeeping of req.baseUrl, next and params) buys nothing for one layer (its CPU cost was within noise).
  const router = withErrorAnswers(sequenceOf([
    ownPaths, log,
    metrics.middleware, // Prometheus: requests, latency, in flight, 429s (gateway.metrics serves them)
    corsPolicy(settings.corsAllowedOrigins, model), // allowed origins: Access-Control-*, preflights → 204
    refuseWhenClosed, // a browser can read the 503 of a closed gateway (its CORS headers are set)
    responseCompression(settings.compressionMinBytes), // br/gzip from the threshold on (reads the length set below)
    contentLength, // Content-Length on every one-piece answer, HEAD included (GET's headers, no body)
    limit, ...service,
  ]), handleErrors);
  // An inner request of a batch: the same phases but those that shape the outer HTTP answer (CORS headers,
  // compression, Content-Length), which the batch's own answer gets.
  const runInner = withErrorAnswers(sequenceOf([ownPaths, log, metrics.middleware, refuseWhenClosed, limit, ...service]), handleErrors);
  return {
    router, model, health: healthHandler, readiness: readinessHandler(store, logger), metrics: metrics.handler,
    close: async () => {
      closed = true;
      purge.stop();
      await store.close();
    },
  };
}

/** `sequence` as one middleware: an error it passes on is answered by `handleErrors`; `'router'` (not the service's
 * path, at the host's root) goes on to the host's next handler. */
function withErrorAnswers(sequence: RequestHandler, handleErrors: ErrorRequestHandler): RequestHandler {
  return (req, res, done) => sequence(req, res, (signal?: unknown) => {
    if (signal === undefined || signal === 'router') done();
    else handleErrors(signal, req, res, done);
  });
}

function sequenceOf(phases: ReadonlyArray<RequestHandler | undefined>): RequestHandler {
  return handlerSequence(phases.filter((phase): phase is RequestHandler => phase !== undefined));
}

function closedError(): ServiceUnavailableError {
  return new ServiceUnavailableError('The service is shutting down.', { headers: { 'Retry-After': '5' } });
}

/**
 * Below a mount path every request is the service's (unknown paths answer Graph's 404). Mounted at the host's root
 * (`app.use(router)`), only the service document, `$metadata`, the entity sets and the vocabularies are; any other
 * path goes on to the host's next handler.
 */
function ownPathsAtRoot(model: ServiceModel) {
  const owned = new Set(['', '$metadata', '$batch', OPENAPI_SEGMENT, ...model.entitySets.map((set) => set.name),
    ...model.references.map((reference) => reference.uri.split('/')[0])]);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.baseUrl === '') {
      const first = req.path.split('/')[1] ?? '';
      if (!owned.has(first) && !owned.has(first.replace(/\(.*$/s, ''))) return next('router');
    }
    requestIds(req, res, next);
  };
}
