// Prometheus metrics of one gateway (prom-client), in a Registry of its own: two gateways in one process share
// nothing. Requests by operation, entity set and status class; latency; in flight; 429 rejections; process metrics.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { createBackendMetrics, type BackendMetrics } from './backend-metrics';
import { factsOf } from './request-facts';

export interface GatewayMetrics {
  /** Counts and times every request of the service (before the concurrency limit, so 429s count too). */
  readonly middleware: RequestHandler;
  /** GET: the Prometheus text format (version 0.0.4). */
  readonly handler: RequestHandler;
  readonly registry: Registry;
  /** Query latency, pool use, token cache: hooks for the store and the access policy (src/http/backend-metrics.ts). */
  readonly backend: BackendMetrics;
}

const LABELS = ['operation', 'entity_set', 'status_class'] as const;

/** Seconds: a key read takes about a millisecond, a cold PostgreSQL page a few tens; 10 s is the statement timeout's range. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  // Process metrics from the first scrape on: their collectors (GC observer, event-loop monitor) live as long as the
  // process, so a gateway that is never scraped (a test's, a host's without a scraper) starts none.
  let processMetrics = false;
  const registers = [registry];
  const requests = new Counter({ name: 'odata_gateway_requests_total', help: 'Requests answered by the OData service', labelNames: LABELS, registers });
  const duration = new Histogram({
    name: 'odata_gateway_request_duration_seconds', help: 'Time from the request reaching the service to its answer being sent',
    labelNames: LABELS, buckets: BUCKETS, registers,
  });
  const inFlight = new Gauge({ name: 'odata_gateway_requests_in_flight', help: 'Requests of the service in progress', registers });
  const rejected = new Counter({ name: 'odata_gateway_rejected_requests_total', help: 'Requests refused with 429 (MAX_CONCURRENT_REQUESTS)', registers });
  const middleware = (_req: Request, res: Response, next: NextFunction): void => {
    const stopTimer = duration.startTimer();
    inFlight.inc();
    let done = false;
    const observe = () => {
      if (done) return;
      done = true;
      inFlight.dec();
      const facts = factsOf(res);
      const status = res.writableFinished ? res.statusCode : 499;
      const labels = { operation: facts.operation, entity_set: facts.entitySet ?? '', status_class: `${Math.floor(status / 100)}xx` };
      requests.inc(labels);
      stopTimer(labels);
      if (status === 429) rejected.inc();
    };
    res.once('finish', observe);
    res.once('close', observe);
    next();
  };
  const handler = (req: Request, res: Response, next: NextFunction): void => {
    if (!processMetrics) {
      processMetrics = true;
      collectDefaultMetrics({ register: registry });
    }
    registry.metrics().then((text) => {
      res.status(200).setHeader('Content-Type', registry.contentType);
      res.setHeader('Cache-Control', 'no-store');
      res.end(req.method === 'HEAD' ? undefined : text);
    }, next);
  };
  return { middleware, handler, registry, backend: createBackendMetrics(registry) };
}
