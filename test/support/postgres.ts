// The PostgreSQL database tests run against: a fresh schema per call, or undefined (skip) when the server is down.
import { randomBytes } from 'node:crypto';

export const DEFAULT_TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

export interface PostgresTestDatabase {
  readonly url: string;
  /** A schema created for this caller only; pass it as DatabaseConfig.schema. */
  readonly schema: string;
  /** Runs SQL outside the code under test, e.g. to inspect what was stored. */
  query(sql: string, parameters?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  /** Drops the schema with everything in it and disconnects. */
  drop(): Promise<void>;
}

interface PgClient {
  connect(): Promise<void>;
  query(sql: string, parameters?: readonly unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
}

// pg ships no type declarations; the client calls used here are typed above.
const { Client } = require('pg') as { Client: new (config: object) => PgClient };
let reported = false;

/**
 * Creates a fresh schema on TEST_POSTGRES_URL (default DEFAULT_TEST_POSTGRES_URL). When the server cannot be
 * reached it throws if CI=true, and otherwise returns undefined after printing, once, how to enable the tests.
 */
export async function postgresTestDatabase(): Promise<PostgresTestDatabase | undefined> {
  const url = process.env.TEST_POSTGRES_URL ?? DEFAULT_TEST_POSTGRES_URL;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message || error.name : String(error);
    if (process.env.CI === 'true') throw new Error(`PostgreSQL at ${url} is unreachable (${reason}); CI=true requires it`);
    if (!reported) {
      reported = true;
      console.log(`  PostgreSQL tests skipped: ${url} is unreachable (${reason}). Start PostgreSQL there or set TEST_POSTGRES_URL to enable them.`);
    }
    return undefined;
  }
  const schema = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await client.query(`CREATE SCHEMA "${schema}"`);
  return {
    url,
    schema,
    query: async (sql, parameters) => (await client.query(sql, parameters)).rows,
    drop: async () => {
      try {
        await client.query(`DROP SCHEMA "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
