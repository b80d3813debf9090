// Under CI=true a PostgreSQL suite fails when the server is unreachable; outside CI it is skipped (returns undefined).
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { postgresTestDatabase } from '../support/postgres';

describe('test PostgreSQL when the server is unreachable', () => {
  const saved = { url: process.env.TEST_POSTGRES_URL, ci: process.env.CI };
  let closedPort: number;
  before(async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closedPort = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve)); // nobody listens there any more
    process.env.TEST_POSTGRES_URL = `postgres://postgres@127.0.0.1:${closedPort}/test`;
  });
  after(() => {
    for (const [name, value] of [['TEST_POSTGRES_URL', saved.url], ['CI', saved.ci]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('fails, never skips, under CI=true', async () => {
    process.env.CI = 'true';
    let failure: unknown;
    await postgresTestDatabase().catch((error: unknown) => { failure = error; });
    expect(String(failure)).to.match(/unreachable .*CI=true requires it/);
  });

  it('is undefined (the suite skips) outside CI', async () => {
    process.env.CI = 'false';
    expect(await postgresTestDatabase()).to.equal(undefined);
  });
});
