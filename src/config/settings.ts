// The one table of settings: environment variable, module option, default, parser and README row. A new setting
// is one entry here; the README's configuration table is generated from it (test/unit/readme-configuration.test.ts).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The package root: the nearest folder above this module with a package.json (from dist/config/ or dist-test/src/config/). */
export const PACKAGE_ROOT = findPackageRoot(__dirname);

function findPackageRoot(start: string): string {
  for (let directory = start; ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'package.json'))) return directory;
    if (dirname(directory) === directory) throw new Error(`no package.json above ${start}`);
  }
}

export type SettingKind =
  /** `off`: the value `off` (option: `false`) is also accepted and turns the feature off. */
  | { readonly kind: 'integer'; readonly min: number; readonly max: number; readonly off?: true }
  | { readonly kind: 'text' }
  /** Comma-separated in the environment, an array of strings as an option. */
  | { readonly kind: 'list' };

export interface Setting {
  /** The environment variable (standalone server, `optionsFromEnvironment`). */
  readonly env: string;
  /** The path in the options of `createODataGateway`; none for settings of the standalone server only. */
  readonly option?: string;
  /** The default in environment form; none: no default (the meaning says what happens). */
  readonly default?: string;
  /** The README's default column when it is not the default itself. */
  readonly shownDefault?: string;
  readonly type: SettingKind;
  /** The README's meaning column. */
  readonly meaning: string;
}

const integer = (min: number, max: number): SettingKind => ({ kind: 'integer', min, max });
const integerOrOff = (min: number, max: number): SettingKind => ({ kind: 'integer', min, max, off: true });
const text: SettingKind = { kind: 'text' };
const list: SettingKind = { kind: 'list' };

/** In README order. Each default with the reason it is the default (README "Configuration"). */
export const SETTINGS: readonly Setting[] = [
  { env: 'PORT', default: '8080', type: integer(0, 65535), meaning: 'TCP port to listen on (`0`: any free port, logged)' },
  { env: 'HOST', default: '127.0.0.1', type: text, meaning: 'address to listen on; loopback until you decide to expose the service' },
  { env: 'PUBLIC_URL', option: 'publicUrl', shownDefault: 'server: `http://<HOST>:<PORT>`; module: required', type: text, meaning: 'the origin clients use (`https://graph.example.com`); `@odata.context`, `Location`, `OData-EntityId` and `@odata.nextLink` are this origin plus the mount path (`/beta` for the server), never the request\'s `Host` header. A path here is a prefix that a proxy in front strips' },
  { env: 'DATABASE_URL', option: 'database.url', default: 'sqlite:data/gateway.sqlite', type: text, meaning: '`sqlite:<file>` (relative to the working directory) or `postgres://user@host:5432/db`; as an option also the URL string itself (`database: \'sqlite:…\'`)' },
  { env: 'DATABASE_SCHEMA', option: 'database.schema', shownDefault: '(the database\'s default)', type: text, meaning: 'PostgreSQL schema for the tables' },
  { env: 'DATABASE_POOL_SIZE', option: 'database.poolSize', shownDefault: '(pg\'s default, 10)', type: integer(1, 1000), meaning: 'PostgreSQL connections per instance' },
  { env: 'DATABASE_CONNECT_TIMEOUT_MS', option: 'database.connectTimeoutMs', shownDefault: '`3000`', type: integer(100, 600_000), meaning: 'how long a request (or `/readyz`) waits for a new PostgreSQL connection before it is answered 503 with `Retry-After`' },
  { env: 'DATABASE_STATEMENT_TIMEOUT_MS', option: 'database.statementTimeoutMs', shownDefault: '`5000`', type: integer(100, 3_600_000), meaning: 'PostgreSQL `statement_timeout` for every request\'s statement; the client also stops waiting 1 s later (pg `query_timeout`), so a server that accepts connections but never answers gives 503 with `Retry-After` within about 6 s. Start-up schema work is not bounded by either' },
  // Wait for the database: an orchestrator sees the process as not ready meanwhile.
  { env: 'DATABASE_STARTUP_TIMEOUT_MS', default: '0', type: integer(0, 86_400_000), meaning: 'how long start-up waits for an unreachable database, retrying with a `database.unreachable` log line; `0` waits as long as it takes, otherwise the process exits 1' },
  { env: 'CSDL_FILE', option: 'csdl', default: resolve(PACKAGE_ROOT, 'metadata', 'graph-beta.xml'), shownDefault: 'server: `metadata/graph-beta.xml` of this package; module: required', type: text, meaning: 'the CSDL XML the service is built from; as an option a file path or the XML text itself' },
  // An event is well under 4 KiB; 64 KiB leaves room without inviting abuse.
  { env: 'MAX_BODY_BYTES', option: 'maxBodyBytes', default: '65536', type: integer(2, 100 * 1024 * 1024), meaning: 'largest request body; larger → `413` (also for a body the host\'s own `express.json()` parsed)' },
  // Room for Graph's 20 requests of MAX_BODY_BYTES's default each, with their JSON envelope.
  { env: 'MAX_BATCH_BODY_BYTES', option: 'maxBatchBodyBytes', default: '1441792', type: integer(2, 100 * 1024 * 1024), meaning: 'largest `$batch` body; larger → `413`. Each inner request\'s body is still held to `MAX_BODY_BYTES`' },
  // Far above what a group of 20 requests needs (milliseconds), short enough that SQLite's waiting requests are not held long.
  { env: 'BATCH_TRANSACTION_TIMEOUT_MS', option: 'batchTransactionTimeoutMs', default: '10000', type: integer(100, 600_000), meaning: 'longest an atomicity group or a multipart change set of a `$batch` keeps its database transaction open; past it the group is rolled back and each of its requests answers `503` with `Retry-After` (README "Atomicity groups", "Multipart batches")' },
  { env: 'LOG_LEVEL', option: 'logLevel', default: 'info', type: text, meaning: '`debug`, `info`, `warn`, `error` or `silent`; JSON lines on stderr (as an option, `logger` takes your own logger instead)' },
  // Every request by default: an operator expects an access log; hot deployments sample or turn it off.
  { env: 'ACCESS_LOG', option: 'accessLog', default: 'on', type: text, meaning: '`on`: one `request` line per request at `info` (`warn` for a 5xx) with `requestId`, `method`, `route` (the template, e.g. `/privilegedOperationEvents({key})`, never the path or query string), `operation`, `entitySet`, `status`, `durationMs`, `bytes` (sent, after compression) and `callerAppId`; `off`: none; a rate such as `0.1`: that share of successful answers, every 4xx and 5xx (README "Operations")' },
  { env: 'METRICS', default: 'on', type: text, meaning: '`on`: Prometheus metrics at `/metrics` (outside the service root, like `/healthz`; embedded: `gateway.metrics`); `off`: no such route (README "Operations")' },
  // Far above what 2 cores serve at once; protects memory, not throughput.
  { env: 'MAX_CONCURRENT_REQUESTS', option: 'maxConcurrentRequests', default: '256', type: integer(1, 100_000), meaning: 'requests in progress at once under the service root; past it → `429 tooManyRequests` with `Retry-After` instead of an unbounded queue' },
  { env: 'REQUEST_TIMEOUT_MS', default: '30000', type: integer(100, 600_000), meaning: 'a whole request (headers and body) must arrive within this time (checked at least every second; 408)' },
  { env: 'HEADERS_TIMEOUT_MS', default: '10000', type: integer(100, 600_000), meaning: 'the headers must arrive within this time (slow-header clients are cut within a second of it; 408)' },
  { env: 'KEEP_ALIVE_TIMEOUT_MS', default: '5000', type: integer(0, 600_000), meaning: 'idle keep-alive connections are closed after this time' },
  // The headers timeout starts only at a first byte: without this a silent connection is held for ever.
  { env: 'FIRST_BYTE_TIMEOUT_MS', default: '10000', type: integer(100, 600_000), meaning: 'a connection that sends no byte at all within this time is closed (Node starts the headers clock only at the first byte, so silent connections would otherwise be held forever)' },
  // Node's default; bearer tokens fit well within it.
  { env: 'MAX_HEADER_BYTES', default: '16384', type: integer(1024, 1024 * 1024), meaning: 'largest request head; larger → 431 from Node\'s HTTP server' },
  // Graph's usual page of results.
  { env: 'DEFAULT_PAGE_SIZE', option: 'paging.defaultPageSize', default: '100', type: integer(1, 100_000), meaning: 'entities per page of a collection when the client states no preference' },
  { env: 'MAX_PAGE_SIZE', option: 'paging.maxPageSize', default: '1000', type: integer(1, 100_000), meaning: 'the most per page; `Prefer: odata.maxpagesize=N` (or `maxpagesize=N`) may only lower it' },
  { env: 'SKIPTOKEN_SECRET', option: 'paging.skipTokenSecret', shownDefault: '(derived from the CSDL)', type: text, meaning: 'at least 32 bytes; signs `$skiptoken`. The default is a hash of the CSDL, the same on every instance, so next links work across instances and restarts and a tampered token is refused; set a secret so that tokens cannot be forged either (a forged position only starts a page elsewhere in the same filtered, ordered set)' },
  // Graph keeps delta links of directory resources for 7 days; a consumer that polls at least weekly never resyncs.
  { env: 'DELTA_RETENTION_MS', option: 'delta.retentionMs', default: '604800000', shownDefault: '`604800000` (7 days)', type: integer(1000, 366 * 86_400_000), meaning: 'how long a deletable change-tracked set keeps the tombstones of deleted entities for delta query; purged at start-up and then about every eighth of it (at most hourly). A delta link older than what is kept → `410 resyncRequired` with `Location` (a new initial delta request), never an incomplete round. Sets that are not deletable keep nothing and their links never expire' },
  { env: 'CORS_ALLOWED_ORIGINS', option: 'cors.allowedOrigins', shownDefault: '(none: no CORS headers; a preflight gets 405)', type: list, meaning: 'browser origins allowed to call the service cross-origin, e.g. `https://app.contoso.com,http://localhost:3000`, or `*` for any. Preflights allow the methods the CSDL permits and the headers Graph clients send; `request-id`, `client-request-id`, `Location`, `OData-EntityId`, `ETag`, `Preference-Applied`, `OData-Version`, `Retry-After`, `WWW-Authenticate` and `Allow` are readable by scripts. Bearer tokens need no cookies, so credentials mode is not allowed (README "HTTP surface")' },
  // Below about 1 KiB a compressed body saves less than the CPU and the extra round of headers cost.
  { env: 'COMPRESSION_MIN_BYTES', option: 'compression.minBytes', default: '1024', type: integerOrOff(0, 100 * 1024 * 1024), meaning: 'responses of at least this many bytes are compressed (`br` or `gzip`, as the client\'s `Accept-Encoding` prefers; `Vary: Accept-Encoding`); smaller ones go out as they are. `off` (option: `false`) never compresses, e.g. when a proxy in front does' },
  { env: 'AUTH_TENANT_ID', option: 'auth.tenantId', shownDefault: 'server: (none: development mode); module: `auth` is required', type: text, meaning: 'the Azure AD tenant (directory) id, a GUID; setting it turns development mode off (module: `auth: { development: true }` turns it on)' },
  { env: 'AUTH_AUDIENCES', option: 'auth.audiences', shownDefault: '(required with a tenant)', type: list, meaning: 'accepted `aud` values: the API\'s application (client) id and/or its App ID URI (`api://…`)' },
  // Azure AD issues v1 or v2 tokens depending on the API's accessTokenAcceptedVersion; Microsoft.Identity.Web accepts both.
  { env: 'AUTH_ISSUER_VERSIONS', option: 'auth.issuerVersions', default: 'v1,v2', type: list, meaning: 'accepted `iss`: `v1` = `https://sts.windows.net/<tenant>/`, `v2` = `https://login.microsoftonline.com/<tenant>/v2.0` (which one Azure AD issues depends on the API\'s `accessTokenAcceptedVersion`)' },
  { env: 'AUTH_DISCOVERY_URL', option: 'auth.discoveryUrl', shownDefault: '`https://login.microsoftonline.com/<tenant>/v2.0/.well-known/openid-configuration`', type: text, meaning: 'the OpenID discovery document whose `jwks_uri` names the signing keys; https, or http to a loopback host (a local test identity provider). It moves where keys come from, not which issuers are accepted' },
  { env: 'AUTH_CREATOR_APP_IDS', option: 'auth.creatorAppIds', shownDefault: '(required with a tenant when the CSDL marks a scope `ConfiguredApplicationsOnly`, as the shipped one does)', type: list, meaning: 'application ids of the Access Reviews service: the only callers of those scopes (creating events). The app roles and scopes per operation are in the CSDL (Authentication, "Permissions"); `AUTH_CREATOR_ROLE`, `AUTH_READER_ROLES`, `AUTH_READER_SCOPES` are no longer read and stop start-up when set' },
];

export type Env = Readonly<Record<string, string | undefined>>;

export function settingOf(env: string): Setting {
  const found = SETTINGS.find((setting) => setting.env === env);
  if (!found) throw new Error(`no setting ${env} in SETTINGS`);
  return found;
}

/** The value of a variable, else its default; '' counts as unset. */
export function rawSetting(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? settingOf(name).default : raw;
}

/** An integer setting within the range its entry gives; a problem is added instead of throwing. */
export function integerSetting(env: Env, name: string, problems: string[]): number {
  const setting = settingOf(name);
  if (setting.type.kind !== 'integer') throw new Error(`${name} is not an integer setting`);
  const raw = rawSetting(env, name) ?? '';
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < setting.type.min || value > setting.type.max) {
    problems.push(`${name} '${raw}' must be an integer from ${setting.type.min} to ${setting.type.max}`);
  }
  return value;
}

/** An integer setting that may also be `off` (false). */
export function integerOrOffSetting(env: Env, name: string, problems: string[]): number | false {
  return rawSetting(env, name)?.toLowerCase() === 'off' ? false : integerSetting(env, name, problems);
}

/** An optional integer setting: undefined when unset and without a default. */
export function optionalIntegerSetting(env: Env, name: string, problems: string[]): number | undefined {
  return rawSetting(env, name) === undefined ? undefined : integerSetting(env, name, problems);
}

/** The README's configuration table, generated from SETTINGS. */
export function settingsTable(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = SETTINGS.map((setting) => {
    const shown = setting.shownDefault ?? (setting.env === 'CSDL_FILE' ? '' : `\`${setting.default ?? ''}\``);
    const option = setting.option ? `\`${setting.option}\`` : '(server only)';
    return `| \`${setting.env}\` | ${option} | ${cell(shown)} | ${cell(setting.meaning)} |`;
  });
  return ['| variable | option | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
}
