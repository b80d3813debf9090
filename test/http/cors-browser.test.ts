// CORS in a real browser: headless Chromium (Debian's, driven by playwright-core) loads a page from another loopback
// port and fetches the gateway process with a bearer token. The allowed origin reads the answer; another origin is
// blocked by the browser itself. Under CI=true a missing chromium fails this suite; elsewhere it is skipped.
import { expect } from 'chai';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { developmentToken, startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { SEED_EVENT } from '../support/test-gateway';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** A loopback server answering every path with an empty HTML page: the origin the browser's script runs in. */
async function pageServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => { res.setHeader('Content-Type', 'text/html'); res.end('<!doctype html><title>app</title>'); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

interface FetchOutcome { readonly ok: boolean; readonly status?: number; readonly body?: unknown; readonly headers?: Record<string, string | null>; readonly error?: string }

describe('CORS in headless Chromium', function () {
  this.timeout(60_000);
  let directory: string;
  let browser: BrowserContext;
  let gateway: GatewayProcess;
  let token: string;
  let allowed: { server: Server; origin: string };
  let other: { server: Server; origin: string };

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: under CI=true the browser CORS test is required (.ci/run installs Debian's chromium)`);
      console.log(`      (skipped: no ${CHROMIUM}; apt-get install chromium to run the browser CORS test)`);
      this.skip();
    }
    directory = mkdtempSync(join(tmpdir(), 'gateway-cors-'));
    [allowed, other] = await Promise.all([pageServer(), pageServer()]);
    gateway = await startGatewayProcess(directory, { DATABASE_URL: `sqlite:${join(directory, 'gateway.sqlite')}`, CORS_ALLOWED_ORIGINS: allowed.origin });
    token = await developmentToken(directory, 'access-reviews', true);
    // A fresh profile (playwright passes it as --user-data-dir).
    browser = await chromium.launchPersistentContext(join(directory, 'chromium-profile'), { executablePath: CHROMIUM, args: ARGS });
  });

  after(async () => {
    await browser?.close();
    await gateway?.stop();
    allowed?.server.close();
    other?.server.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  /** Runs fetch in a page of `origin`: a POST with a JSON body and a bearer token, or a GET, reading exposed headers. */
  async function fetchFrom(origin: string, method: 'GET' | 'POST'): Promise<FetchOutcome> {
    const page = await browser.newPage();
    try {
      await page.goto(`${origin}/app.html`);
      return await page.evaluate(async ({ url, method, token, body }) => {
        try {
          const response = await fetch(url, {
            method, body: method === 'POST' ? JSON.stringify(body) : undefined,
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'client-request-id': 'browser-1', Prefer: 'return=representation' },
          });
          const headers: Record<string, string | null> = {};
          for (const name of ['request-id', 'client-request-id', 'location', 'odata-entityid', 'odata-version', 'content-type']) headers[name] = response.headers.get(name);
          return { ok: true, status: response.status, body: await response.json(), headers };
        } catch (error) {
          return { ok: false, error: String(error) };
        }
      }, { url: `${gateway.origin}/beta/privilegedOperationEvents`, method, token, body: SEED_EVENT });
    } finally {
      await page.close();
    }
  }

  it('lets a page of the allowed origin create and list with a bearer token, and read the exposed headers', async () => {
    const created = await fetchFrom(allowed.origin, 'POST');
    expect(created.ok, created.error).to.equal(true);
    expect(created.status).to.equal(201);
    expect(created.headers!['client-request-id']).to.equal('browser-1');
    expect(created.headers!['request-id']).to.match(/^[0-9a-f-]{36}$/);
    expect(created.headers!.location).to.match(/privilegedOperationEvents\('[0-9a-f-]{36}'\)$/);
    expect(created.headers!['odata-version']).to.equal('4.0');
    const listed = await fetchFrom(allowed.origin, 'GET');
    expect(listed.status).to.equal(200);
    expect((listed.body as { value: unknown[] }).value).to.have.length(1);
  });

  it('blocks a page of another origin: the browser refuses the preflight answer, nothing is created', async () => {
    const blocked = await fetchFrom(other.origin, 'POST');
    expect(blocked.ok).to.equal(false);
    expect(blocked.error).to.match(/TypeError: Failed to fetch/);
    const read = await fetchFrom(other.origin, 'GET');
    expect(read.ok).to.equal(false);
    const listed = await fetchFrom(allowed.origin, 'GET');
    expect((listed.body as { value: unknown[] }).value).to.have.length(1);
  });
});
