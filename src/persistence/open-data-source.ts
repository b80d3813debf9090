// Connects TypeORM to the configured engine with the session settings the store relies on.
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DataSource, type DataSourceOptions, type EntitySchema } from 'typeorm';
import { BACKSTOP_CHECKPOINT_PAGES } from './wal-checkpointer';
import { CLIENT_READ_GRACE_MS, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_STATEMENT_TIMEOUT_MS, type DatabaseConfig } from './database-config';

/** How long a SQLite writer waits for another connection's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

type TypeParser = (text: string) => unknown;
interface TypeParsers {
  getTypeParser(oid: number, format?: 'text' | 'binary'): TypeParser;
}

const TIMESTAMPTZ_OID = 1184;
const DATE_OID = 1082;
const keepText: TypeParser = (text) => text;

/**
 * pg turns timestamptz and date into JS Dates, which keep only milliseconds and depend on the local zone.
 * Passed per pool (pg `types` option), so the pg module's global parsers stay as they are. pg is loaded here, when a
 * PostgreSQL database is configured (still at start-up), not by a SQLite gateway: its modules are ≈4.5 MB resident.
 */
function textDateParsers(): TypeParsers {
  // pg ships no type declarations; its default parsers are the one part of it used here.
  const defaultParsers = (require('pg') as { types: TypeParsers }).types;
  return {
    getTypeParser: (oid, format = 'text') => (format === 'text' && (oid === TIMESTAMPTZ_OID || oid === DATE_OID)
      ? keepText
      : defaultParsers.getTypeParser(oid, format)),
  };
}

export async function openDataSource(database: DatabaseConfig, entities: readonly EntitySchema[]): Promise<DataSource> {
  const options = database.engine === 'sqlite'
    ? await sqliteOptions(database.file, [...entities])
    : postgresOptions(database, [...entities]);
  return new DataSource(options).initialize();
}

async function sqliteOptions(path: string, entities: EntitySchema[]): Promise<DataSourceOptions> {
  const file = resolve(path);
  await mkdir(dirname(file), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: file,
    entities,
    synchronize: false,
    timeout: BUSY_TIMEOUT_MS,
    enableWAL: true,
    // WAL with synchronous=NORMAL cannot corrupt the file; a power loss may lose only the last commits. Checkpoints
    // run on a worker thread (wal-checkpointer); this connection's own automatic one is the backstop.
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      db.pragma('synchronous = NORMAL');
      db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
    },
  };
}

function postgresOptions(database: Extract<DatabaseConfig, { engine: 'postgres' }>, entities: EntitySchema[]): DataSourceOptions {
  const statementTimeoutMs = database.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  return {
    type: 'postgres',
    url: database.url,
    schema: database.schema,
    poolSize: database.poolSize,
    connectTimeoutMS: database.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    entities,
    synchronize: false,
    // A UTC session makes timestamptz text end in +00 whatever the server's TimeZone setting is.
    extra: {
      types: textDateParsers(),
      options: `-c TimeZone=UTC -c statement_timeout=${statementTimeoutMs}`,
      // pg's client-side bound: a server that stops answering altogether cannot enforce statement_timeout
      query_timeout: statementTimeoutMs + CLIENT_READ_GRACE_MS,
    },
  };
}
