// Where a gateway keeps its entities: an embedded SQLite file or a PostgreSQL database.
export type DatabaseConfig =
  | { readonly engine: 'sqlite'; readonly file: string }
  | {
    readonly engine: 'postgres'; readonly url: string; readonly schema?: string; readonly poolSize?: number;
    /** How long a request waits for a connection before it fails (and is answered 503). */
    readonly connectTimeoutMs?: number;
    /** Longest a single statement may run (PostgreSQL statement_timeout). */
    readonly statementTimeoutMs?: number;
  };

/**
 * Defaults that turn a PostgreSQL which accepts connections but never answers into 503s within seconds: a request
 * waits at most this long for a new connection (pg's connectionTimeoutMillis)…
 */
export const DEFAULT_CONNECT_TIMEOUT_MS = 3000;
/** …and a statement runs at most this long (statement_timeout, enforced by the server)… */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 5000;
/** …and, should the server not even enforce that, the client stops waiting for an answer this much later. */
export const CLIENT_READ_GRACE_MS = 1000;
