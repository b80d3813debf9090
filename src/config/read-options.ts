// createODataGateway's options validated once: turned into the settings' environment form, read by the same readers
// as the environment, every problem named by its option path and reported in one ConfigError.
import type { ODataGatewayOptions } from '../gateway-options';
import { ConfigError, readGatewaySettings, type GatewaySettings } from './gateway-config';
import { SETTINGS, type Env } from './settings';

export interface ResolvedOptions {
  readonly settings: GatewaySettings;
  /** The CSDL's XML when the option holds the text rather than a path. */
  readonly csdlText?: string;
}

const TOP_LEVEL = new Set([
  'csdl', 'database', 'auth', 'publicUrl', 'maxBodyBytes', 'maxBatchBodyBytes', 'batchTransactionTimeoutMs', 'maxConcurrentRequests', 'paging', 'cors', 'compression', 'delta',
  'accessLog', 'logLevel', 'logger',
]);
const TENANT_KEYS = new Set(['tenantId', 'audiences', 'creatorAppIds', 'issuerVersions', 'discoveryUrl']);
const DEVELOPMENT_KEYS = new Set(['development']);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function readOptions(options: ODataGatewayOptions): ResolvedOptions {
  const problems: string[] = [];
  if (!isObject(options)) throw new ConfigError(['the options must be an object'], 'gateway options');
  const normalized = normalize(options as unknown as Json, problems);
  const env: Record<string, string> = {};
  for (const setting of SETTINGS) {
    if (!setting.option) continue;
    const value = valueAt(normalized, setting.option);
    if (value === undefined) continue;
    const text = toEnvText(value, setting.type.kind, setting.type.kind === 'integer' && setting.type.off === true);
    if (text === undefined) problems.push(`${setting.option} must be ${setting.type.kind === 'list' ? 'an array of strings' : `a ${setting.type.kind === 'integer' ? 'number' : 'string'}`}${text === undefined && setting.type.kind === 'integer' && setting.type.off ? ' or false' : ''}`);
    else env[setting.env] = text;
  }
  const csdlText = typeof options.csdl === 'string' && options.csdl.trimStart().startsWith('<') ? options.csdl : undefined;
  if (csdlText !== undefined) delete env.CSDL_FILE;
  const envProblems: string[] = [];
  const settings = readGatewaySettings(withRequired(env, csdlText), env.PUBLIC_URL ?? '', undefined, envProblems);
  // A missing required option is one problem, not also the readers' complaint about its empty value.
  const missing = ['csdl', 'database.url', 'publicUrl'].filter((path) => valueAt(normalized, path) === undefined);
  problems.push(...envProblems.map(toOptionNames).filter((problem) => !missing.some((path) => problem.startsWith(path))));
  if (problems.length > 0) throw new ConfigError(problems, 'gateway options');
  return { settings, csdlText };
}

/** `database` as a URL string, `auth` as tenant or development settings, and no unknown option names. */
function normalize(options: Json, problems: string[]): Json {
  for (const name of Object.keys(options).filter((key) => !TOP_LEVEL.has(key))) problems.push(`unknown option '${name}'`);
  for (const name of ['csdl', 'database', 'auth', 'publicUrl'] as const) {
    if (options[name] === undefined) problems.push(`${name} is required`);
  }
  const database = typeof options.database === 'string' ? { url: options.database } : options.database;
  if (database !== undefined && !isObject(database)) problems.push('database must be a URL string or { url, schema?, poolSize?, … }');
  const auth = options.auth;
  if (auth !== undefined && !isObject(auth)) problems.push('auth must be tenant settings { tenantId, audiences, creatorAppIds } or { development: true }');
  if (isObject(auth)) {
    const development = auth.development === true;
    if (auth.development !== undefined && !development) problems.push('auth.development must be true when given');
    const known = development ? DEVELOPMENT_KEYS : TENANT_KEYS;
    for (const key of Object.keys(auth).filter((name) => !known.has(name))) {
      problems.push(development ? `auth.${key} does not apply to development mode` : `unknown option 'auth.${key}'`);
    }
    if (!development && auth.tenantId === undefined) problems.push('auth.tenantId is required (or use auth: { development: true })');
  }
  if (options.logger !== undefined && !isLogger(options.logger)) problems.push('logger must have debug, info, warn and error functions');
  return { ...options, database };
}

function isLogger(value: unknown): boolean {
  return isObject(value) && ['debug', 'info', 'warn', 'error'].every((level) => typeof value[level] === 'function');
}

function valueAt(options: Json, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (isObject(value) ? value[key] : undefined), options);
}

function toEnvText(value: unknown, kind: 'integer' | 'text' | 'list', offAllowed: boolean): string | undefined {
  if (offAllowed && value === false) return 'off';
  if (kind === 'list') return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value.join(',') : undefined;
  if (kind === 'integer') return typeof value === 'number' ? String(value) : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** The readers fill defaults for unset settings; the options have no default CSDL, database or public URL. */
function withRequired(env: Record<string, string>, csdlText: string | undefined): Env {
  return { ...env, CSDL_FILE: csdlText === undefined ? env.CSDL_FILE ?? '' : 'csdl-text.xml', DATABASE_URL: env.DATABASE_URL ?? '' };
}

const OPTION_NAMES: ReadonlyArray<readonly [RegExp, string]> = SETTINGS.flatMap((setting) => (setting.option
  ? [[new RegExp(`\\b${setting.env}\\b`, 'g'), setting.option] as const] : []));

/** A problem worded for the environment, with each variable's name replaced by its option path. */
function toOptionNames(problem: string): string {
  return OPTION_NAMES.reduce((text, [pattern, option]) => text.replace(pattern, option), problem);
}
