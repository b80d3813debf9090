// A writer outside the gateway that holds its transaction open: the same INSERT rule the store uses, on either engine.
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { EntitySet } from '../../src/model/service-model';
import { changePositionSql } from '../../src/persistence/change-position';

export interface HeldTransaction {
  /** Ids inserted inside the still-open transaction. */
  readonly ids: readonly string[];
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export interface HeldWriter {
  /** BEGIN, then `count` INSERTs; the transaction stays open until commit or rollback. */
  open(count: number): Promise<HeldTransaction>;
  close(): Promise<void>;
}

interface PgClient {
  connect(): Promise<void>;
  query(sql: string, parameters?: readonly unknown[]): Promise<unknown>;
  end(): Promise<void>;
}
const { Client } = require('pg') as { Client: new (config: object) => PgClient };

/** PostgreSQL: a client of its own per transaction; the change position comes from the column's DEFAULT, as for the gateway. */
export function postgresHeldWriter(url: string, schema: string): HeldWriter {
  const clients: PgClient[] = [];
  return {
    async open(count) {
      const client = new Client({ connectionString: url });
      clients.push(client);
      await client.connect();
      await client.query('BEGIN');
      const ids = Array.from({ length: count }, () => randomUUID());
      for (const id of ids) {
        await client.query(`INSERT INTO "${schema}"."privilegedOperationEvents" (id, "userId") VALUES ($1, 'held')`, [id]);
      }
      const end = async (sql: string) => {
        await client.query(sql);
        await client.end();
        clients.splice(clients.indexOf(client), 1);
      };
      return { ids, commit: () => end('COMMIT'), rollback: () => end('ROLLBACK') };
    },
    async close() {
      await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
    },
  };
}

/** SQLite: another connection to the file; BEGIN IMMEDIATE takes the write lock, so every other writer waits for it. */
export function sqliteHeldWriter(file: string, entitySet: EntitySet): HeldWriter {
  const db = new Database(file, { timeout: 5000 });
  const table = '"privilegedOperationEvents"';
  const insert = db.prepare(`INSERT INTO ${table} (id, "userId", "$changePosition") VALUES (?, 'held', ${changePositionSql(entitySet, 'sqlite', table).assigned})`);
  return {
    async open(count) {
      db.exec('BEGIN IMMEDIATE');
      const ids = Array.from({ length: count }, () => randomUUID());
      for (const id of ids) insert.run(id);
      return { ids, commit: async () => { db.exec('COMMIT'); }, rollback: async () => { db.exec('ROLLBACK'); } };
    },
    async close() {
      if (db.inTransaction) db.exec('ROLLBACK');
      db.close();
    },
  };
}
