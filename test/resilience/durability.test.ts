// Durability: a 201 means committed. Creates under load, SIGKILL, restart: every acknowledged event is there.
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { developmentToken, startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { createEvents } from '../support/load-client';
import { postgresTestDatabase, type PostgresTestDatabase } from '../support/postgres';
import { temporaryDirectory, TEST_ENGINES } from '../support/test-gateway';

for (const engine of TEST_ENGINES) describe(`durability across SIGKILL on ${engine}`, function () {
  this.timeout(90_000);
  const cwd = temporaryDirectory();
  let database: PostgresTestDatabase | undefined;
  let env: Record<string, string>;
  let running: GatewayProcess | undefined;
  before(async function () {
    if (engine === 'postgres') {
      database = await postgresTestDatabase();
      if (!database) this.skip();
      env = { DATABASE_URL: database!.url, DATABASE_SCHEMA: database!.schema };
    } else {
      env = { DATABASE_URL: `sqlite:${join(cwd, 'data', 'events.sqlite')}` };
    }
  });
  after(async () => {
    await running?.stop('SIGKILL');
    await database?.drop();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('keeps every acknowledged create after the process is killed mid-load', async () => {
    running = await startGatewayProcess(cwd, env);
    const token = await developmentToken(cwd, 'access-reviews');
    const victim = running;
    const killed = new AbortController();
    const load = createEvents(victim.origin, token, { total: 100_000, workers: 8, deadlineMs: 20_000, signal: killed.signal });
    // Kill while requests are in flight, then let the workers notice and stop.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await victim.stop('SIGKILL')).to.equal(null);
    setTimeout(() => killed.abort(), 200);
    const { acknowledged, failed } = await load;
    expect(acknowledged.length, 'creates acknowledged before the kill').to.be.greaterThan(50);
    expect(failed, 'requests cut by the kill').to.be.greaterThan(0);

    running = await startGatewayProcess(cwd, env);
    const reader = await developmentToken(cwd, 'reader');
    const missing: string[] = [];
    for (const id of acknowledged) {
      const response = await fetch(`${running.origin}/beta/privilegedOperationEvents('${id}')`, { headers: { Authorization: `Bearer ${reader}` } });
      if (response.status !== 200) missing.push(`${id}: ${response.status}`);
    }
    expect(missing).to.deep.equal([]);
  });
});
