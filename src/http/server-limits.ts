// The node:http settings that keep slow, silent or numerous clients from holding the process, applied before listen.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { ServerLimits } from '../config/gateway-config';

/** The longest Node waits between its checks of headersTimeout and requestTimeout (its own default is 30 s). */
const MAX_CHECK_INTERVAL_MS = 1000;

/**
 * Node enforces headersTimeout and requestTimeout only when it walks its connection list, every
 * connectionsCheckingInterval; at the default 30 s a 10 s header timeout cut slow clients after ~31 s. And it starts
 * those clocks only at a request's first byte, so a connection that never sends one was held forever: a first-byte
 * timeout closes it. Call before server.listen (Node reads the interval when it starts listening).
 */
export function applyServerLimits(server: Server, limits: ServerLimits): void {
  server.requestTimeout = limits.requestTimeoutMs;
  server.headersTimeout = limits.headersTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  const shortest = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(50, Math.min(MAX_CHECK_INTERVAL_MS, Math.floor(shortest / 4)));
  server.on('connection', (socket: Socket) => closeIfSilent(socket, limits.firstByteTimeoutMs));
}

/** Destroys the socket when it has sent no byte within `timeoutMs` of connecting. */
function closeIfSilent(socket: Socket, timeoutMs: number): void {
  const timer = setTimeout(() => {
    if (socket.bytesRead === 0) socket.destroy();
  }, timeoutMs);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}
