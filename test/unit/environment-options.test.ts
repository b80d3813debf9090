// The environment and createODataGateway's options are two spellings of one settings table: each reads to the same settings.
import { expect } from 'chai';
import { optionsFromEnvironment } from '../../src/config/environment-options';
import { loadConfig } from '../../src/config/gateway-config';
import { readOptions } from '../../src/config/read-options';
import { SETTINGS } from '../../src/config/settings';

const TENANT_ENV = {
  PUBLIC_URL: 'https://graph.example.com', DATABASE_URL: 'postgres://u@db:5432/graph', DATABASE_SCHEMA: 'events',
  DATABASE_POOL_SIZE: '20', DATABASE_CONNECT_TIMEOUT_MS: '2000', DATABASE_STATEMENT_TIMEOUT_MS: '15000', MAX_BODY_BYTES: '4096', MAX_BATCH_BODY_BYTES: '81920', BATCH_TRANSACTION_TIMEOUT_MS: '2500',
  LOG_LEVEL: 'warn', MAX_CONCURRENT_REQUESTS: '64', DEFAULT_PAGE_SIZE: '50', MAX_PAGE_SIZE: '500',
  SKIPTOKEN_SECRET: 'a secret of at least thirty-two bytes!', AUTH_TENANT_ID: '0b7d6d2e-5c1a-4f3e-9a7b-1c2d3e4f5a6b',
  AUTH_AUDIENCES: 'api://graph,1e2d3c4b-5a69-4877-8695-a4b3c2d1e0f9', AUTH_ISSUER_VERSIONS: 'v2',
  AUTH_DISCOVERY_URL: 'https://login.example.com/.well-known/openid-configuration',
  CORS_ALLOWED_ORIGINS: 'https://app.contoso.com,http://localhost:3000', COMPRESSION_MIN_BYTES: 'off', ACCESS_LOG: '0.5', DELTA_RETENTION_MS: '86400000',
  AUTH_CREATOR_APP_IDS: '6a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b,7b2e1d4f-3c5e-4f60-9bac-1d2e3f4a5b6c',
};

describe('options and environment', () => {
  it('name an option path for every setting of the gateway (the test environment sets each of them)', () => {
    const withOption = SETTINGS.filter((setting) => setting.option).map((setting) => setting.env);
    expect(withOption.filter((name) => !(name in TENANT_ENV) && name !== 'CSDL_FILE')).to.deep.equal([]);
  });

  it('read to the same settings from either spelling', () => {
    const { port: _port, host: _host, limits, databaseStartupTimeoutMs: _timeout, metrics: _metrics, ...fromEnvironment } = loadConfig(TENANT_ENV);
    const { settings } = readOptions(optionsFromEnvironment(TENANT_ENV));
    expect(settings).to.deep.equal({ ...fromEnvironment, maxConcurrentRequests: limits.maxConcurrentRequests });
  });

  it('turn into typed options: numbers, arrays, nested objects', () => {
    const options = optionsFromEnvironment(TENANT_ENV) as unknown as Record<string, unknown>;
    expect(options.paging).to.deep.equal({ defaultPageSize: 50, maxPageSize: 500, skipTokenSecret: TENANT_ENV.SKIPTOKEN_SECRET });
    expect((options.auth as Record<string, unknown>).creatorAppIds).to.deep.equal(TENANT_ENV.AUTH_CREATOR_APP_IDS.split(','));
    expect(options.database).to.deep.equal({ url: TENANT_ENV.DATABASE_URL, schema: 'events', poolSize: 20, connectTimeoutMs: 2000, statementTimeoutMs: 15000 });
  });

  it('spell a setting that can be off as false in the options', () => {
    expect((optionsFromEnvironment(TENANT_ENV) as unknown as Record<string, unknown>).compression).to.deep.equal({ minBytes: false });
    expect(optionsFromEnvironment({ COMPRESSION_MIN_BYTES: '2048' }).compression).to.deep.equal({ minBytes: 2048 });
    expect(() => readOptions({ ...optionsFromEnvironment({}), compression: { minBytes: 'small' as unknown as number } }))
      .to.throw(/compression\.minBytes must be a number or false/);
    expect(() => optionsFromEnvironment({ COMPRESSION_MIN_BYTES: 'on' })).to.throw(/COMPRESSION_MIN_BYTES 'on' must be an integer/);
  });

  it('give development mode without a tenant', () => {
    expect(optionsFromEnvironment({}).auth).to.deep.equal({ development: true });
  });

  it('report environment problems by variable name', () => {
    expect(() => optionsFromEnvironment({ MAX_PAGE_SIZE: 'lots' })).to.throw(/MAX_PAGE_SIZE 'lots' must be an integer/);
  });
});
