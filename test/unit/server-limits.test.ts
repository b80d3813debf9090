// applyServerLimits on a real node:http server and real sockets: silent, slow-header and slow-body clients are cut on time.
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { expect } from 'chai';
import { applyServerLimits } from '../../src/http/server-limits';

const LIMITS = { maxConcurrentRequests: 10, requestTimeoutMs: 1500, headersTimeoutMs: 1000, keepAliveTimeoutMs: 5000, firstByteTimeoutMs: 500, maxHeaderBytes: 16384 };

describe('HTTP server limits', function () {
  this.timeout(10_000);
  let server: Server;
  let port: number;
  before(async () => {
    server = createServer((req, res) => { req.resume(); req.on('end', () => res.end('ok')); });
    applyServerLimits(server, LIMITS);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** Connects, runs `feed`, and resolves with the milliseconds until the server closed the socket and what it sent. */
  function timeUntilClosed(feed: (socket: Socket) => void): Promise<{ ms: number; received: string }> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      let received = '';
      const socket = connect(port, '127.0.0.1', () => feed(socket));
      socket.on('data', (chunk) => { received += chunk.toString('latin1'); });
      socket.on('error', () => undefined);
      socket.on('close', () => resolve({ ms: Date.now() - started, received }));
      setTimeout(() => { socket.destroy(); reject(new Error('the server kept the connection for 8 s')); }, 8000).unref();
    });
  }

  it('closes a connection that never sends a byte after FIRST_BYTE_TIMEOUT_MS', async () => {
    const { ms, received } = await timeUntilClosed(() => undefined);
    expect(ms).to.be.within(LIMITS.firstByteTimeoutMs - 50, LIMITS.firstByteTimeoutMs + 1000);
    expect(received).to.equal('');
  });

  it('cuts a slow-header client within a second of HEADERS_TIMEOUT_MS, with 408', async () => {
    const { ms, received } = await timeUntilClosed((socket) => {
      socket.write('GET / HTTP/1.1\r\nHost: x\r\n');
      const drip = setInterval(() => socket.write('X-Slow: 1\r\n'), 100);
      socket.on('close', () => clearInterval(drip));
    });
    expect(ms).to.be.within(LIMITS.headersTimeoutMs - 50, LIMITS.headersTimeoutMs + 1000);
    expect(received).to.match(/^HTTP\/1\.1 408/);
  });

  it('cuts a slow-body client within a second of REQUEST_TIMEOUT_MS, with 408', async () => {
    const { ms, received } = await timeUntilClosed((socket) => {
      socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n');
      const drip = setInterval(() => socket.write('a'), 100);
      socket.on('close', () => clearInterval(drip));
    });
    expect(ms).to.be.within(LIMITS.requestTimeoutMs - 50, LIMITS.requestTimeoutMs + 1000);
    expect(received).to.match(/^HTTP\/1\.1 408/);
  });

  it('keeps a connection that sends its request in time', async () => {
    const { received } = await timeUntilClosed((socket) => socket.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
    expect(received).to.match(/^HTTP\/1\.1 200[\s\S]*ok$/);
  });
});
