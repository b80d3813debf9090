// loadConfig: defaults, parsing, and one error that lists every problem.
import { expect } from 'chai';
import { resolve } from 'node:path';
import { ConfigError, DEFAULTS, loadConfig } from '../../src/config/gateway-config';

describe('loadConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    const { auth: _auth, ...config } = loadConfig({}); // auth defaults: test/auth/auth-config.test.ts
    expect(config).to.deep.equal({
      port: 8080, host: '127.0.0.1', publicUrl: 'http://127.0.0.1:8080',
      database: { engine: 'sqlite', file: resolve('data/gateway.sqlite') },
      csdlFile: DEFAULTS.CSDL_FILE, maxBodyBytes: 65536, maxBatchBodyBytes: 1441792, batchTransactionTimeoutMs: 10000, logLevel: 'info',
      limits: { maxConcurrentRequests: 256, requestTimeoutMs: 30000, headersTimeoutMs: 10000, keepAliveTimeoutMs: 5000, firstByteTimeoutMs: 10000, maxHeaderBytes: 16384 },
      paging: { defaultPageSize: 100, maxPageSize: 1000, skipTokenSecret: undefined },
      databaseStartupTimeoutMs: 0, metrics: true, corsAllowedOrigins: [], compressionMinBytes: 1024, accessLogSampleRate: 1, deltaRetentionMs: 604_800_000,
    });
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig({}))).to.equal(true);
  });

  it('selects PostgreSQL for a postgres:// DATABASE_URL, with DATABASE_SCHEMA', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/graph', DATABASE_SCHEMA: 'events' });
    expect(config.database).to.deep.equal({ engine: 'postgres', url: 'postgres://u@db:5432/graph', schema: 'events' });
  });

  it('reads the PostgreSQL pool size and timeouts', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@db/graph', DATABASE_POOL_SIZE: '20', DATABASE_CONNECT_TIMEOUT_MS: '2000', DATABASE_STATEMENT_TIMEOUT_MS: '15000',
    });
    expect(config.database).to.deep.equal({
      engine: 'postgres', url: 'postgres://u@db/graph', poolSize: 20, connectTimeoutMs: 2000, statementTimeoutMs: 15000,
    });
  });

  it('takes PUBLIC_URL without its trailing slash for context URLs', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://graph.example.com/gateway/' });
    expect(config.publicUrl).to.equal('https://graph.example.com/gateway');
  });

  it('lists every problem in one ConfigError', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', PUBLIC_URL: 'ftp://x', DATABASE_URL: 'mysql://db', MAX_BODY_BYTES: '-1', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).to.have.length(5);
    for (const name of ['PORT', 'PUBLIC_URL', 'DATABASE_URL', 'MAX_BODY_BYTES', 'LOG_LEVEL']) {
      expect(problems.some((problem) => problem.startsWith(name)), name).to.equal(true);
    }
  });
});
