// A test gateway on a loopback port whose PUBLIC_URL is its own origin, for clients in other processes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SERVICE_PATH } from '../../src/server/standalone-app';
import { startTestGateway, type TestGateway } from './test-gateway';

export interface ListeningGateway {
  readonly gateway: TestGateway;
  /** e.g. `http://127.0.0.1:41234/beta`: what a client is configured with, and what `@odata.context` is built from. */
  readonly serviceRoot: string;
  close(): Promise<void>;
}

/** Listens first so that the gateway's PUBLIC_URL can name the port the operating system chose. */
export async function startListeningGateway(): Promise<ListeningGateway> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const gateway = await startTestGateway({ env: { PUBLIC_URL: origin } }).catch(async (error: unknown) => {
    await closeServer(server);
    throw error;
  });
  server.on('request', gateway.app);
  return {
    gateway,
    serviceRoot: `${origin}${SERVICE_PATH}`,
    close: async () => {
      await closeServer(server);
      await gateway.dispose();
    },
  };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
