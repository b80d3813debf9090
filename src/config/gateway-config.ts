// Typed configuration: the settings read once, every problem collected into one error, the result frozen. The
// gateway's part (GatewaySettings) is read alike from the environment and from createODataGateway's options.
import { resolve } from 'node:path';
import type { DatabaseConfig } from '../persistence/database-config';
import { readDatabaseUrl, readPublicUrl } from './read-environment';
import type { LogLevel } from '../log/logger';
import { readAuthConfig, type AuthConfig } from './auth-config';
import { parseAccessLog } from '../http/access-log';
import { checkOrigin } from '../http/cors-policy';
import { integerOrOffSetting, integerSetting, rawSetting, SETTINGS, type Env } from './settings';

export { PACKAGE_ROOT } from './settings';

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

/** What one gateway (the router) is built from. */
export interface GatewaySettings {
  /** Origin (plus a prefix a proxy strips) that context URLs start with; the mount path follows it. */
  readonly publicUrl: string;
  readonly database: DatabaseConfig;
  readonly csdlFile: string;
  readonly maxBodyBytes: number;
  readonly maxBatchBodyBytes: number;
  /** Longest an atomicity group of a `$batch` keeps its transaction open. */
  readonly batchTransactionTimeoutMs: number;
  readonly logLevel: LogLevel;
  readonly auth: AuthConfig;
  readonly paging: PagingConfig;
  readonly maxConcurrentRequests: number;
  /** Browser origins allowed cross-origin; empty: no CORS. */
  readonly corsAllowedOrigins: readonly string[];
  /** Responses from this many bytes on are compressed; false: never. */
  readonly compressionMinBytes: number | false;
  /** The share of successful requests the access log records (0: off, 1: all); 4xx and 5xx always when above 0. */
  readonly accessLogSampleRate: number;
  /** How long deletable change-tracked sets keep tombstones (delta query). */
  readonly deltaRetentionMs: number;
}

/** The standalone server: the gateway's settings and the process's own. */
export interface GatewayConfig extends Omit<GatewaySettings, 'maxConcurrentRequests'> {
  readonly port: number;
  readonly host: string;
  readonly limits: ServerLimits;
  /** How long start-up waits for an unreachable database; 0 waits as long as it takes. */
  readonly databaseStartupTimeoutMs: number;
  /** /metrics served by the standalone server. */
  readonly metrics: boolean;
}

/** Server-driven paging (OData 4.01 Part 1, 11.2.6.7). */
export interface PagingConfig {
  readonly defaultPageSize: number;
  readonly maxPageSize: number;
  /** Signs $skiptoken values; undefined: a key derived from the CSDL, the same on every instance. */
  readonly skipTokenSecret?: string;
}

/** Every default in environment form, from the settings table. */
export const DEFAULTS: Readonly<Record<string, string>> = Object.freeze(Object.fromEntries(
  SETTINGS.flatMap((setting) => (setting.default === undefined ? [] : [[setting.env, setting.default]])),
));

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[], subject = 'configuration') {
    super(`invalid ${subject}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/**
 * The gateway's settings; `host` is where the standalone server listens (development mode needs loopback), undefined
 * for an embedded gateway, whose host decides where it listens.
 */
export function readGatewaySettings(env: Env, publicUrl: string, host: string | undefined, problems: string[]): GatewaySettings {
  const logLevel = rawSetting(env, 'LOG_LEVEL') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL '${logLevel}' must be one of ${LOG_LEVELS.join(', ')}`);
  return {
    publicUrl: readPublicUrl(publicUrl, problems),
    database: readDatabaseUrl(env, problems),
    csdlFile: resolve(rawSetting(env, 'CSDL_FILE') ?? ''),
    maxBodyBytes: integerSetting(env, 'MAX_BODY_BYTES', problems),
    maxBatchBodyBytes: integerSetting(env, 'MAX_BATCH_BODY_BYTES', problems),
    batchTransactionTimeoutMs: integerSetting(env, 'BATCH_TRANSACTION_TIMEOUT_MS', problems),
    logLevel,
    auth: readAuthConfig(env, problems, host),
    paging: readPaging(env, problems),
    maxConcurrentRequests: integerSetting(env, 'MAX_CONCURRENT_REQUESTS', problems),
    corsAllowedOrigins: readCorsOrigins(env, problems),
    compressionMinBytes: integerOrOffSetting(env, 'COMPRESSION_MIN_BYTES', problems),
    accessLogSampleRate: readAccessLog(env, problems),
    deltaRetentionMs: integerSetting(env, 'DELTA_RETENTION_MS', problems),
  };
}

export function loadConfig(env: Env = process.env): GatewayConfig {
  const problems: string[] = [];
  const port = integerSetting(env, 'PORT', problems);
  const host = rawSetting(env, 'HOST') ?? '';
  const fallbackHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  // Without PUBLIC_URL it is made of HOST and PORT: a bad PORT is reported once, as PORT, not again as a PUBLIC_URL.
  const fallbackPort = problems.length === 0 ? port : 0;
  const { maxConcurrentRequests, ...settings } = readGatewaySettings(env, rawSetting(env, 'PUBLIC_URL') ?? `http://${fallbackHost}:${fallbackPort}`, host, problems);
  const limits: ServerLimits = Object.freeze({
    maxConcurrentRequests,
    requestTimeoutMs: integerSetting(env, 'REQUEST_TIMEOUT_MS', problems),
    headersTimeoutMs: integerSetting(env, 'HEADERS_TIMEOUT_MS', problems),
    keepAliveTimeoutMs: integerSetting(env, 'KEEP_ALIVE_TIMEOUT_MS', problems),
    firstByteTimeoutMs: integerSetting(env, 'FIRST_BYTE_TIMEOUT_MS', problems),
    maxHeaderBytes: integerSetting(env, 'MAX_HEADER_BYTES', problems),
  });
  const databaseStartupTimeoutMs = integerSetting(env, 'DATABASE_STARTUP_TIMEOUT_MS', problems);
  const metrics = (rawSetting(env, 'METRICS') ?? '').toLowerCase();
  if (metrics !== 'on' && metrics !== 'off') problems.push(`METRICS '${metrics}' must be on or off`);
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({ port, host, ...settings, limits, databaseStartupTimeoutMs, metrics: metrics === 'on' });
}

function readAccessLog(env: Env, problems: string[]): number {
  const text = rawSetting(env, 'ACCESS_LOG') ?? '';
  const rate = parseAccessLog(text);
  if (rate === undefined) problems.push(`ACCESS_LOG '${text}' must be on, off or a sample rate from 0 to 1 such as 0.1`);
  return rate ?? 1;
}

function readCorsOrigins(env: Env, problems: string[]): readonly string[] {
  const origins = (rawSetting(env, 'CORS_ALLOWED_ORIGINS') ?? '').split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');
  for (const origin of origins) {
    const problem = checkOrigin(origin);
    if (problem) problems.push(problem);
  }
  return Object.freeze(origins);
}

function readPaging(env: Env, problems: string[]): PagingConfig {
  const maxPageSize = integerSetting(env, 'MAX_PAGE_SIZE', problems);
  const defaultPageSize = integerSetting(env, 'DEFAULT_PAGE_SIZE', problems);
  if (defaultPageSize > maxPageSize) problems.push(`DEFAULT_PAGE_SIZE ${defaultPageSize} must not exceed MAX_PAGE_SIZE ${maxPageSize}`);
  const skipTokenSecret = env.SKIPTOKEN_SECRET || undefined;
  if (skipTokenSecret !== undefined && Buffer.byteLength(skipTokenSecret) < 32) {
    problems.push('SKIPTOKEN_SECRET must be at least 32 bytes');
  }
  return Object.freeze({ defaultPageSize, maxPageSize, skipTokenSecret });
}

/** With PORT=0 and no PUBLIC_URL, the public URL names the port the server actually listens on. */
export function withListeningPort(config: GatewayConfig, port: number): GatewayConfig {
  if (config.port !== 0 || !config.publicUrl.endsWith(':0')) return config;
  return Object.freeze({ ...config, publicUrl: `${config.publicUrl.slice(0, -1)}${port}` });
}
