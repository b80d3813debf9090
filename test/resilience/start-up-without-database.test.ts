// Start-up while PostgreSQL is unreachable: the process waits and retries with a log line, or gives up when told to.
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { postgresTestDatabase, type PostgresTestDatabase } from '../support/postgres';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { temporaryDirectory } from '../support/test-gateway';

describe('start-up while PostgreSQL is unreachable', function () {
  this.timeout(60_000);
  const cwd = temporaryDirectory();
  let database: PostgresTestDatabase | undefined;
  let proxy: TcpProxy;
  let env: Record<string, string>;
  let running: GatewayProcess | undefined;
  before(async function () {
    database = await postgresTestDatabase();
    if (!database) this.skip();
    const target = new URL(database!.url);
    proxy = await startTcpProxy(Number(target.port || 5432), target.hostname);
    await proxy.stop();
    target.port = String(proxy.port);
    env = { DATABASE_URL: target.toString(), DATABASE_SCHEMA: database!.schema };
  });
  after(async () => {
    await running?.stop('SIGKILL');
    await proxy?.close();
    await database?.drop();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('retries with a database.unreachable log line and serves once the database answers', async () => {
    const starting = startGatewayProcess(cwd, env, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await proxy.start();
    running = await starting;
    expect(running.log()).to.match(/"event":"database\.unreachable".*"attempt":2/);
    expect(running.log().split('\n').filter((line) => line.includes('"auth.development-mode"')), 'the development-mode warning once').to.have.length(1);
    expect((await fetch(`${running.origin}/readyz`)).status).to.equal(200);
  });

  it('exits 1 with a clear message when DATABASE_STARTUP_TIMEOUT_MS runs out', async () => {
    await proxy.stop();
    const error = await startGatewayProcess(cwd, { ...env, DATABASE_STARTUP_TIMEOUT_MS: '1500' }).then(() => undefined, (caught: Error) => caught);
    expect(error?.message).to.match(/exited 1/).and.match(/stayed unreachable .*DATABASE_STARTUP_TIMEOUT_MS=1500/);
  });
});
