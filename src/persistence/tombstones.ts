// Tombstones of a deletable change-tracked set: `<table>$removed` (key, change position, time) and `<table>$purged` (see src/delta/README.md).
import { createHash } from 'node:crypto';
import { Table, type DataSource } from 'typeorm';
import type { Engine } from '../model/edm-primitive-types';
import type { EntitySet } from '../model/service-model';
import { CHANGE_POSITION_COLUMN, keyColumn } from './change-position';

/** Epoch milliseconds of the DELETE (the deleting instance's clock); only retention reads it, never a round. */
export const REMOVED_AT_COLUMN = '$removedAt';
/** The column a delta round's SELECT gives each row: 1 for a tombstone, 0 for an entity. */
export const REMOVED_ALIAS = '$removed';
const POSITION = `"${CHANGE_POSITION_COLUMN}"`;
const REMOVED_AT = `"${REMOVED_AT_COLUMN}"`;
/** Tombstones a purge reads (and may delete) at once: a purge is a bounded index range. */
export const PURGE_BATCH = 1000;

export interface TombstoneSql {
  /** Quoted, schema-qualified `<table>$removed`. */
  readonly table: string;
  /** Start-up: both tables and the round's index, each `IF NOT EXISTS` (no stored row is touched). */
  readonly create: readonly string[];
  /** In the DELETE's transaction, before the DELETE: parameters (key, removedAt ms). A key deleted again moves to the new position. */
  readonly record: string;
  /** Zero or one row, column `position`: every tombstone at or below it may have been purged. */
  readonly horizon: string;
  /** The oldest PURGE_BATCH tombstones in position order: columns `position` (text) and `removedAt`. */
  readonly oldest: string;
  /** Parameter: a position; the horizon becomes the larger of it and the old one. Runs before `purge`. */
  readonly raiseHorizon: string;
  /** Parameter: a position; deletes the tombstones at or below it. */
  readonly purge: string;
  /** SQLite: the largest position of the two tables (MAX + 1 must never reuse a position after a delete or a purge). */
  readonly largest: readonly string[];
}

export function tombstoneSql(entitySet: EntitySet, engine: Engine, dataSource: DataSource): TombstoneSql {
  const metadata = dataSource.getMetadata(entitySet.name);
  const table = [metadata.schema, metadata.tableName].filter((part): part is string => Boolean(part))
    .map((part) => dataSource.driver.escape(part)).join('.');
  return tombstoneStatements(entitySet, engine, table, definitionOf(dataSource, entitySet, entitySet.entityType.key[0]));
}

/** `table`: the quoted, schema-qualified entity table; `keyDefinition`: its key column's SQL type (for `create`). */
export function tombstoneStatements(entitySet: EntitySet, engine: Engine, table: string, keyDefinition: string): TombstoneSql {
  const removed = removedTableOf(table);
  const purged = `${table.slice(0, -1)}$purged"`;
  const key = `"${entitySet.entityType.key[0]}"`;
  const postgres = engine === 'postgres';
  const positionType = postgres ? 'xid8 NOT NULL DEFAULT pg_current_xact_id()' : 'INTEGER NOT NULL';
  const parameter = (index: number) => (postgres ? `$${index}` : '?');
  const asPosition = (index: number) => (postgres ? `$${index}::xid8` : '?');
  const largest = [`(SELECT MAX(${POSITION}) FROM ${removed})`, `(SELECT MAX(${POSITION}) FROM ${purged})`];
  const assigned = postgres ? 'pg_current_xact_id()'
    : `(SELECT MAX(${[`(SELECT MAX(${POSITION}) FROM ${table})`, ...largest].map((part) => `COALESCE(${part}, 0)`).join(', ')}) + 1)`;
  return {
    table: removed,
    create: [
      `CREATE TABLE IF NOT EXISTS ${removed} (${key} ${keyDefinition} NOT NULL PRIMARY KEY, ${POSITION} ${positionType}, ${REMOVED_AT} BIGINT NOT NULL)`,
      `CREATE INDEX IF NOT EXISTS "${tombstoneIndexName(entitySet.name)}" ON ${removed} (${POSITION}, ${keyColumn(entitySet, engine)})`,
      `CREATE TABLE IF NOT EXISTS ${purged} ("one" INTEGER NOT NULL PRIMARY KEY, ${POSITION} ${postgres ? 'xid8' : 'INTEGER'} NOT NULL)`,
    ],
    record: `INSERT INTO ${removed} (${key}, ${POSITION}, ${REMOVED_AT}) VALUES (${parameter(1)}, ${assigned}, ${parameter(2)}) `
      + `ON CONFLICT (${key}) DO UPDATE SET ${POSITION} = excluded.${POSITION}, ${REMOVED_AT} = excluded.${REMOVED_AT}`,
    horizon: `SELECT ${POSITION}${postgres ? '::text' : ''} AS "position" FROM ${purged}`,
    oldest: `SELECT ${POSITION}${postgres ? '::text' : ''} AS "position", ${REMOVED_AT} AS "removedAt" FROM ${removed} ORDER BY ${POSITION}, ${
      keyColumn(entitySet, engine)} LIMIT ${PURGE_BATCH}`,
    raiseHorizon: `INSERT INTO ${purged} ("one", ${POSITION}) VALUES (1, ${asPosition(1)}) ON CONFLICT ("one") DO UPDATE SET ${POSITION} = ${
      postgres ? 'GREATEST' : 'MAX'}(${purged}.${POSITION}, excluded.${POSITION})`,
    purge: `DELETE FROM ${removed} WHERE ${POSITION} <= ${asPosition(1)}`,
    largest,
  };
}

/** The key column's SQL type (and collation) as the entity table declares it, so that rows and tombstones compare alike. */
function definitionOf(dataSource: DataSource, entitySet: EntitySet, keyName: string): string {
  const column = Table.create(dataSource.getMetadata(entitySet.name), dataSource.driver).columns.find((candidate) => candidate.name === keyName)!;
  const type = dataSource.driver.createFullType(column);
  return column.collation ? `${type} COLLATE "${column.collation}"` : type;
}

/** `"schema"."table"` → `"schema"."table$removed"`: the tombstone table beside a quoted entity table. */
export function removedTableOf(quotedTable: string): string {
  return `${quotedTable.slice(0, -1)}$removed"`;
}

export function tombstoneIndexName(table: string): string {
  const hash = createHash('sha256').update(`${table}$removed(${CHANGE_POSITION_COLUMN})`).digest('hex').slice(0, 8);
  return `ix_${table.slice(0, 36)}_removed_${hash}`;
}
