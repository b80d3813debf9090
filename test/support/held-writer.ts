// A writer outside the gateway that holds its transaction open: the same INSERT (and, for a deletable set, DELETE with its
// tombstone) rules the store uses, on either engine.
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { EntitySet } from '../../src/model/service-model';
import { changePositionSql } from '../../src/persistence/change-position';
import { tombstoneStatements } from '../../src/persistence/tombstones';

export interface HeldTransaction {
  /** Ids inserted inside the still-open transaction. */
  readonly ids: readonly string[];
  /** Ids it deleted (those of `remove` that existed), a tombstone each. */
  readonly deleted: readonly string[];
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export interface HeldWriter {
  /** BEGIN, then `count` INSERTs and the DELETEs of `remove`; the transaction stays open until commit or rollback. */
  open(count: number, remove?: readonly string[]): Promise<HeldTransaction>;
  close(): Promise<void>;
}

interface PgClient {
  connect(): Promise<void>;
  query(sql: string, parameters?: readonly unknown[]): Promise<unknown>;
  end(): Promise<void>;
}
const { Client } = require('pg') as { Client: new (config: object) => PgClient };

/** PostgreSQL: a client of its own per transaction; the change position comes from the column's DEFAULT, as for the gateway. */
export function postgresHeldWriter(url: string, schema: string, entitySet?: EntitySet): HeldWriter {
  const clients: PgClient[] = [];
  const table = `"${schema}"."privilegedOperationEvents"`;
  const record = entitySet ? tombstoneStatements(entitySet, 'postgres', table, 'text').record : undefined;
  return {
    async open(count, remove = []) {
      const client = new Client({ connectionString: url });
      clients.push(client);
      await client.connect();
      await client.query('BEGIN');
      const ids = Array.from({ length: count }, () => randomUUID());
      for (const id of ids) {
        await client.query(`INSERT INTO ${table} (id, "userId") VALUES ($1, 'held')`, [id]);
      }
      const deleted: string[] = [];
      for (const id of remove) {
        const found = await client.query(`SELECT id FROM ${table} WHERE id = $1 FOR UPDATE`, [id]) as { rows: unknown[] };
        if (found.rows.length === 0) continue;
        await client.query(record!, [id, Date.now()]);
        await client.query(`DELETE FROM ${table} WHERE id = $1`, [id]);
        deleted.push(id);
      }
      const end = async (sql: string) => {
        await client.query(sql);
        await client.end();
        clients.splice(clients.indexOf(client), 1);
      };
      return { ids, deleted, commit: () => end('COMMIT'), rollback: () => end('ROLLBACK') };
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
  const tombstones = entitySet.capabilities.deletable ? tombstoneStatements(entitySet, 'sqlite', table, 'text') : undefined;
  const assigned = changePositionSql(entitySet, 'sqlite', table, tombstones?.largest).assigned;
  const insert = db.prepare(`INSERT INTO ${table} (id, "userId", "$changePosition") VALUES (?, 'held', ${assigned})`);
  const record = tombstones ? db.prepare(tombstones.record) : undefined;
  const remove = db.prepare(`DELETE FROM ${table} WHERE id = ?`);
  return {
    async open(count, removing = []) {
      db.exec('BEGIN IMMEDIATE');
      const ids = Array.from({ length: count }, () => randomUUID());
      const deleted: string[] = [];
      try {
        for (const id of ids) insert.run(id);
        for (const id of removing) {
          if (db.prepare(`SELECT id FROM ${table} WHERE id = ?`).get(id) === undefined) continue;
          record!.run(id, Date.now());
          remove.run(id);
          deleted.push(id);
        }
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
      return { ids, deleted, commit: async () => { db.exec('COMMIT'); }, rollback: async () => { db.exec('ROLLBACK'); } };
    },
    async close() {
      if (db.inTransaction) db.exec('ROLLBACK');
      db.close();
    },
  };
}
