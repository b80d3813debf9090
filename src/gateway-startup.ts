// Start-up against a database that may not be reachable yet: retry with a clear log line, or give up when configured.
import type { GatewayConfig } from './config/gateway-config';
import { toGraphError } from './errors/to-graph-error';
import type { ODataGateway, ODataGatewayOptions } from './gateway-options';
import type { Logger } from './log/logger';
import { createODataGateway, type GatewayInternals } from './odata-gateway';

/** Start-up notices that each retry would repeat: logged on the first attempt only. */
const ONCE_EVENTS: ReadonlySet<string> = new Set(['auth.development-mode']);

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 5000;

/** Builds the gateway; while the database is unreachable (a 503-class error) it waits and tries again. */
export async function createGatewayWhenDatabaseIsReachable(
  config: GatewayConfig, options: ODataGatewayOptions, logger: Logger, internals: GatewayInternals = {},
): Promise<ODataGateway> {
  const started = Date.now();
  const quietRetries = { ...options, logger: onceLogger(options.logger ?? logger, ONCE_EVENTS) };
  for (let attempt = 1, delay = FIRST_DELAY_MS; ; attempt += 1, delay = Math.min(delay * 2, MAX_DELAY_MS)) {
    try {
      return await createODataGateway(quietRetries, internals);
    } catch (error) {
      if (toGraphError(error).status !== 503) throw error;
      const waited = Date.now() - started;
      const timeout = config.databaseStartupTimeoutMs;
      if (timeout > 0 && waited + delay > timeout) {
        throw new Error(`the ${config.database.engine} database stayed unreachable for ${waited} ms (DATABASE_STARTUP_TIMEOUT_MS=${timeout})`);
      }
      logger.warn('database.unreachable', {
        engine: config.database.engine, attempt, retryInMs: delay, reason: (error as { code?: string }).code ?? 'unavailable',
      });
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** The logger, except that each of `events` is written only the first time. */
function onceLogger(logger: Logger, events: ReadonlySet<string>): Logger {
  const seen = new Set<string>();
  const once = (write: Logger['warn']): Logger['warn'] => (event, fields) => {
    if (events.has(event)) {
      if (seen.has(event)) return;
      seen.add(event);
    }
    write(event, fields);
  };
  return { debug: once(logger.debug), info: once(logger.info), warn: once(logger.warn), error: once(logger.error) };
}
