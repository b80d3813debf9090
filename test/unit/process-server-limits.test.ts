// The standalone process applies the server limits from its environment: silent and slow-header connections to
// `node dist/main.js` are closed within a second of FIRST_BYTE_TIMEOUT_MS and HEADERS_TIMEOUT_MS.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:net';
import { expect } from 'chai';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { temporaryDirectory } from '../support/test-gateway';

describe('the service process enforces its connection limits', function () {
  this.timeout(30_000);
  const cwd = temporaryDirectory();
  let running: GatewayProcess;
  before(async () => {
    running = await startGatewayProcess(cwd, {
      DATABASE_URL: `sqlite:${join(cwd, 'gateway.sqlite')}`, FIRST_BYTE_TIMEOUT_MS: '500', HEADERS_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '1500',
    });
  });
  after(async () => {
    await running?.stop('SIGKILL');
    rmSync(cwd, { recursive: true, force: true });
  });

  function millisUntilClosed(send?: (write: (text: string) => void) => void): Promise<number> {
    const { port } = new URL(running.origin);
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const socket = connect(Number(port), '127.0.0.1', () => send?.((text) => socket.write(text)));
      socket.on('error', () => undefined);
      socket.resume();
      socket.on('close', () => resolve(Date.now() - started));
      setTimeout(() => { socket.destroy(); reject(new Error('the process kept the connection for 10 s')); }, 10_000).unref();
    });
  }

  it('closes a connection that never sends a byte after FIRST_BYTE_TIMEOUT_MS', async () => {
    expect(await millisUntilClosed()).to.be.within(450, 1500);
  });

  it('closes a slow-header connection within a second of HEADERS_TIMEOUT_MS', async () => {
    let timer: NodeJS.Timeout | undefined;
    const ms = await millisUntilClosed((write) => {
      write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
      timer = setInterval(() => write('X-Slow: 1\r\n'), 100);
    });
    clearInterval(timer);
    expect(ms).to.be.within(950, 2000);
  });
});
