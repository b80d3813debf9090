// Health endpoints outside the OData service: liveness of the process, readiness of the database.
import { Router } from 'express';
import { ServiceUnavailableError } from '../errors/graph-error';
import { describeError, type Logger } from '../log/logger';
import { sendGraphError, sendJson } from './graph-response';

export interface Readiness {
  ping(): Promise<void>;
}

export function healthRoutes(readiness: Readiness, logger: Logger): Router {
  const router = Router();
  // Liveness: the process answers; nothing else is checked, so a database outage never restarts it.
  router.get('/healthz', (_req, res) => sendJson(res, 200, { status: 'ok' }));
  // Readiness: the database answers, so a load balancer can route around an instance that cannot serve.
  router.get('/readyz', async (_req, res) => {
    try {
      await readiness.ping();
      sendJson(res, 200, { status: 'ready' });
    } catch (error) {
      logger.warn('readiness.failed', describeError(error));
      sendGraphError(res, new ServiceUnavailableError('The database is not reachable.', { headers: { 'Retry-After': '5' } }));
    }
  });
  return router;
}
