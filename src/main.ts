#!/usr/bin/env node
// The standalone server: the environment read once, the gateway mounted at /beta by the same public factory a host uses,
// health at the root; SIGTERM/SIGINT stop it gracefully. A bad configuration or CSDL stops the process with its message.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { optionsFromEnvironment } from './config/environment-options';
import { ConfigError, loadConfig, withListeningPort, type GatewayConfig } from './config/gateway-config';
import { createGatewayWhenDatabaseIsReachable } from './gateway-startup';
import { applyServerLimits } from './http/server-limits';
import { createLogger, describeError } from './log/logger';
import { lateBoundServerClasses } from './server/express-server-classes';
import { createStandaloneApp, SERVICE_PATH } from './server/standalone-app';

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

async function main(): Promise<void> {
  let config: GatewayConfig = loadConfig();
  const logger = createLogger(config.logLevel);
  const { limits } = config;
  // Requests and responses are born with the app's prototypes (src/server/express-server-classes.ts), bound below.
  const born = lateBoundServerClasses();
  const server = createServer({ maxHeaderSize: limits.maxHeaderBytes, ...born.classes });
  applyServerLimits(server, limits);
  // A fixed port is bound once the gateway is ready; PORT=0 is bound first, so that PUBLIC_URL can name it
  // (nobody can connect before the port is logged below).
  if (config.port === 0) config = withListeningPort(config, await listen(server, 0, config.host));
  const options = { ...optionsFromEnvironment(process.env, logger), publicUrl: config.publicUrl };
  const gateway = await createGatewayWhenDatabaseIsReachable(config, options, logger);
  const app = createStandaloneApp(gateway, logger, { metrics: config.metrics });
  born.adopt(app);
  server.on('request', app);
  if (!server.listening) await listen(server, config.port, config.host);
  logger.info('gateway.listening', {
    serviceRoot: `${config.publicUrl}${SERVICE_PATH}`, address: server.address(), database: config.database.engine,
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
  // A JSON line like every other (the configuration may be what failed, so the level is not read from it).
  const problems = error instanceof ConfigError ? { problems: error.problems } : {};
  createLogger('error').error('gateway.start-failed', { ...describeError(error, false), ...problems });
  process.exit(1);
});
