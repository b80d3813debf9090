// Where a gateway keeps its entities: an embedded SQLite file or a PostgreSQL database.
export type DatabaseConfig =
  | { readonly engine: 'sqlite'; readonly file: string }
  | { readonly engine: 'postgres'; readonly url: string; readonly schema?: string; readonly poolSize?: number };
