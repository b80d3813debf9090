// Starts the gateway from the environment; a bad configuration or CSDL stops the process with its message.
import { createServer } from 'node:http';
import { loadConfig } from './config/gateway-config';
import { createGateway, SERVICE_PATH } from './gateway';
import { createLogger } from './log/logger';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const gateway = await createGateway(config, { logger });
  const { limits } = config;
  const server = createServer({ maxHeaderSize: limits.maxHeaderBytes }, gateway.app);
  server.requestTimeout = limits.requestTimeoutMs;
  server.headersTimeout = limits.headersTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.listen(config.port, config.host, () => {
    logger.info('gateway.listening', {
      serviceRoot: `${config.publicUrl}${SERVICE_PATH}`, address: server.address(), database: config.database.engine,
    });
  });
  const stop = (signal: string) => {
    logger.info('gateway.stopping', { signal });
    // Stop accepting, let in-flight requests finish, then close the database and exit 0.
    server.close(() => {
      gateway.close().then(() => process.exit(0), () => process.exit(1));
    });
    server.closeIdleConnections();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
