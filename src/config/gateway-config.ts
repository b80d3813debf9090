// Typed configuration: the environment read once, every problem collected into one error, the result frozen.
import { resolve } from 'node:path';
import type { DatabaseConfig } from '../persistence/database-config';
import { integer, readDatabaseUrl, type Env } from './read-environment';
import type { LogLevel } from '../log/logger';
import { readAuthConfig, type AuthConfig } from './auth-config';

export interface PublicBase {
  /** `http:` or `https:` */
  readonly protocol: string;
  /** host[:port] as clients reach the service */
  readonly host: string;
  /** The path of the service root, e.g. `/beta` */
  readonly basePath: string;
  /** The service root, e.g. `https://graph.example.com/beta` */
  readonly serviceRoot: string;
}

/** Limits that keep slow or numerous clients from holding the process (node:http server settings). */
export interface ServerLimits {
  readonly maxConcurrentRequests: number;
  readonly requestTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  /** A connection that sends no byte within this time is closed. */
  readonly firstByteTimeoutMs: number;
  readonly maxHeaderBytes: number;
}

export interface GatewayConfig {
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  readonly database: DatabaseConfig;
  readonly csdlFile: string;
  readonly maxBodyBytes: number;
  readonly logLevel: LogLevel;
  readonly limits: ServerLimits;
  readonly auth: AuthConfig;
  readonly paging: PagingConfig;
  /** How long start-up waits for an unreachable database; 0 waits as long as it takes. */
  readonly databaseStartupTimeoutMs: number;
}

/** Server-driven paging (OData 4.01 Part 1, 11.2.6.7). */
export interface PagingConfig {
  readonly defaultPageSize: number;
  readonly maxPageSize: number;
  /** Signs $skiptoken values; undefined: a key derived from the CSDL, the same on every instance. */
  readonly skipTokenSecret?: string;
}

export const PACKAGE_ROOT = resolve(__dirname, '..', '..', '..');

/** Each default with the reason it is the default. */
export const DEFAULTS = {
  PORT: '8080', // a common unprivileged HTTP port
  HOST: '127.0.0.1', // loopback until an operator decides to expose the service
  DATABASE_URL: 'sqlite:data/gateway.sqlite', // embedded, under ./data of the working directory
  CSDL_FILE: resolve(PACKAGE_ROOT, 'metadata', 'graph-beta.xml'), // the shipped CSDL
  MAX_BODY_BYTES: '65536', // an event is well under 4 KiB; 64 KiB leaves room without inviting abuse
  LOG_LEVEL: 'info',
  MAX_CONCURRENT_REQUESTS: '256', // far above what 2 cores serve at once; protects memory, not throughput
  REQUEST_TIMEOUT_MS: '30000', // a whole request, body included, must arrive within 30 s
  HEADERS_TIMEOUT_MS: '10000', // slow-header (slowloris) clients are cut after 10 s
  KEEP_ALIVE_TIMEOUT_MS: '5000', // idle keep-alive sockets are closed after 5 s
  FIRST_BYTE_TIMEOUT_MS: '10000', // a connection silent for 10 s from the start is closed (the headers timeout starts only at a byte)
  MAX_HEADER_BYTES: '16384', // Node's default; bearer tokens fit well within it
  DATABASE_STARTUP_TIMEOUT_MS: '0', // wait for the database (an orchestrator sees the process as not ready meanwhile)
  DEFAULT_PAGE_SIZE: '100', // Graph's usual page of results
  MAX_PAGE_SIZE: '1000', // the most a client may ask for with Prefer: odata.maxpagesize
} as const;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Env = process.env): GatewayConfig {
  const problems: string[] = [];
  const read = (name: keyof typeof DEFAULTS) => (env[name] !== undefined && env[name] !== '' ? env[name] : DEFAULTS[name]);
  const port = integer('PORT', read('PORT'), 0, 65535, problems);
  const host = read('HOST');
  const publicUrl = readPublicUrl(env.PUBLIC_URL, host, port, problems);
  const database = readDatabaseUrl(read('DATABASE_URL'), env, problems);
  const maxBodyBytes = integer('MAX_BODY_BYTES', read('MAX_BODY_BYTES'), 2, 100 * 1024 * 1024, problems);
  const logLevel = read('LOG_LEVEL') as LogLevel;
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL '${logLevel}' must be one of debug, info, warn, error, silent`);
  }
  const auth = readAuthConfig(env, problems, host);
  const limits: ServerLimits = Object.freeze({
    maxConcurrentRequests: integer('MAX_CONCURRENT_REQUESTS', read('MAX_CONCURRENT_REQUESTS'), 1, 100_000, problems),
    requestTimeoutMs: integer('REQUEST_TIMEOUT_MS', read('REQUEST_TIMEOUT_MS'), 100, 600_000, problems),
    headersTimeoutMs: integer('HEADERS_TIMEOUT_MS', read('HEADERS_TIMEOUT_MS'), 100, 600_000, problems),
    keepAliveTimeoutMs: integer('KEEP_ALIVE_TIMEOUT_MS', read('KEEP_ALIVE_TIMEOUT_MS'), 0, 600_000, problems),
    firstByteTimeoutMs: integer('FIRST_BYTE_TIMEOUT_MS', read('FIRST_BYTE_TIMEOUT_MS'), 100, 600_000, problems),
    maxHeaderBytes: integer('MAX_HEADER_BYTES', read('MAX_HEADER_BYTES'), 1024, 1024 * 1024, problems),
  });
  const paging = readPaging(env, read('DEFAULT_PAGE_SIZE'), read('MAX_PAGE_SIZE'), problems);
  const databaseStartupTimeoutMs = integer('DATABASE_STARTUP_TIMEOUT_MS', read('DATABASE_STARTUP_TIMEOUT_MS'), 0, 86_400_000, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    port, host, publicUrl, database, csdlFile: resolve(read('CSDL_FILE')), maxBodyBytes, logLevel, limits, auth, paging,
    databaseStartupTimeoutMs,
  });
}

function readPaging(env: Env, defaultRaw: string, maxRaw: string, problems: string[]): PagingConfig {
  const maxPageSize = integer('MAX_PAGE_SIZE', maxRaw, 1, 100_000, problems);
  const defaultPageSize = integer('DEFAULT_PAGE_SIZE', defaultRaw, 1, 100_000, problems);
  if (defaultPageSize > maxPageSize) problems.push(`DEFAULT_PAGE_SIZE ${defaultPageSize} must not exceed MAX_PAGE_SIZE ${maxPageSize}`);
  const skipTokenSecret = env.SKIPTOKEN_SECRET || undefined;
  if (skipTokenSecret !== undefined && Buffer.byteLength(skipTokenSecret) < 32) {
    problems.push('SKIPTOKEN_SECRET must be at least 32 bytes');
  }
  return Object.freeze({ defaultPageSize, maxPageSize, skipTokenSecret });
}

function readPublicUrl(raw: string | undefined, host: string, port: number, problems: string[]): string {
  const fallbackHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const text = raw && raw !== '' ? raw : `http://${fallbackHost}:${port}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problems.push(`PUBLIC_URL '${text}' is not an absolute URL`);
    return text;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') problems.push(`PUBLIC_URL '${text}' must be http or https`);
  if (url.search || url.hash || url.username || url.password) problems.push(`PUBLIC_URL '${text}' must not have credentials, a query or a fragment`);
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/** With PORT=0 and no PUBLIC_URL, the public URL names the port the server actually listens on. */
export function withListeningPort(config: GatewayConfig, port: number): GatewayConfig {
  if (config.port !== 0 || !config.publicUrl.endsWith(':0')) return config;
  return Object.freeze({ ...config, publicUrl: `${config.publicUrl.slice(0, -1)}${port}` });
}

/** The pieces of PUBLIC_URL that context URLs and Location are built from; `/beta` is the service root. */
export function publicBase(publicUrl: string, servicePath: string): PublicBase {
  const url = new URL(publicUrl);
  const basePath = `${url.pathname.replace(/\/+$/, '')}${servicePath}`;
  return { protocol: url.protocol, host: url.host, basePath, serviceRoot: `${url.protocol}//${url.host}${basePath}` };
}
