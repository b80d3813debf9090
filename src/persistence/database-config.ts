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
