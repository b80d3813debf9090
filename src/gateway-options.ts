// The public contract of the module: what createODataGateway takes and what it returns (README "Embedding").
import type { RequestHandler } from 'express';
import type { Logger, LogLevel } from './log/logger';
import type { ServiceModel } from './model/service-model';

/** A PostgreSQL or SQLite database by URL, with PostgreSQL's pool settings. */
export interface DatabaseOptions {
  /** `sqlite:<file>` (relative to the working directory) or `postgres://user@host:5432/db`. */
  readonly url: string;
  readonly schema?: string;
  readonly poolSize?: number;
  readonly connectTimeoutMs?: number;
  readonly statementTimeoutMs?: number;
}

/** Bearer tokens of an Azure AD tenant; the rules say who may create and read. */
export interface TenantAuthOptions {
  readonly tenantId: string;
  readonly audiences: readonly string[];
  /** Application ids of the Access Reviews service: the only callers that may create. */
  readonly creatorAppIds: readonly string[];
  readonly issuerVersions?: readonly ('v1' | 'v2')[];
  readonly discoveryUrl?: string;
}

/** Development mode: only tokens signed with the local key (./data/dev-signing-key.json) are accepted. */
export interface DevelopmentAuthOptions {
  readonly development: true;
}

export interface ODataGatewayOptions {
  /** A CSDL XML file path, or the XML text itself (relative vocabulary references then resolve against the working directory). */
  readonly csdl: string;
  /** A database URL (`sqlite:…`, `postgres://…`) or its options. */
  readonly database: string | DatabaseOptions;
  readonly auth: TenantAuthOptions | DevelopmentAuthOptions;
  /** The origin clients use, e.g. `https://api.contoso.com`; the path comes from where the router is mounted. */
  readonly publicUrl: string;
  readonly maxBodyBytes?: number;
  /** Largest `$batch` body (default 1441792 bytes). */
  readonly maxBatchBodyBytes?: number;
  /** Longest an atomicity group of a `$batch` keeps its database transaction open (default 10000 ms). */
  readonly batchTransactionTimeoutMs?: number;
  readonly maxConcurrentRequests?: number;
  readonly paging?: { readonly defaultPageSize?: number; readonly maxPageSize?: number; readonly skipTokenSecret?: string };
  /** Browser origins allowed to call the service cross-origin (`['https://app.contoso.com']`, or `['*']`); none by default. */
  readonly cors?: { readonly allowedOrigins?: readonly string[] };
  /** Responses from `minBytes` (default 1024) on are compressed with br or gzip when the client accepts it; `false`: never. */
  readonly compression?: { readonly minBytes?: number | false };
  /** Delta query on deletable change-tracked sets: how long deletes are kept for delta links (DELTA_RETENTION_MS). */
  readonly delta?: { readonly retentionMs?: number };
  /** `'on'` (default): a `request` log line per request; `'off'`; or a sample rate such as `'0.1'` (4xx and 5xx always). */
  readonly accessLog?: string;
  /** JSON lines on stderr at this level (default `info`), unless `logger` is given. */
  readonly logLevel?: LogLevel;
  readonly logger?: Logger;
}

export interface ODataGateway {
  /** The OData service, an Express middleware: mount it where the service root should be, e.g.
   * `app.use('/graph/beta', gateway.router)`. */
  readonly router: RequestHandler;
  /** 200 `{"status":"ready"}` while the database answers, else 503 with a Graph error body and `Retry-After`. */
  readonly readiness: RequestHandler;
  /** 200 `{"status":"ok"}` while the process answers (liveness; never checks the database). */
  readonly health: RequestHandler;
  /** The Prometheus text format of this gateway's own registry (requests, latency, in flight, 429s, process); mount it
   * where your scraper looks, e.g. `app.get('/metrics', gateway.metrics)` (the standalone server does). */
  readonly metrics: RequestHandler;
  /** The service model read from the CSDL (entity sets, types, annotations). */
  readonly model: ServiceModel;
  /** Closes the database; requests still arriving get 503. Safe to call twice. */
  close(): Promise<void>;
}
