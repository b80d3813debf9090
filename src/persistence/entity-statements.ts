// The SQL and value conversions for one entity set, built once at open time and reused by every request.
import type { DataSource } from 'typeorm';
import { primitiveType } from '../model/edm-primitive-types';
import type { EntitySet } from '../model/service-model';
import { CHANGE_POSITION_COLUMN, changePositionSql, type ChangePositionSql } from './change-position';
import { quoteTablePath } from './quote-table-path';
import { tombstoneSql, type TombstoneSql } from './tombstones';

export interface EntityStatements {
  readonly insert: string;
  readonly selectByKey: string;
  readonly count: string;
  /** SELECT by key that locks the row until the transaction ends (PostgreSQL `FOR UPDATE`; SQLite locks the file). */
  readonly selectByKeyForUpdate: string;
  readonly deleteByKey: string;
  /** The change position's SQL when the entity set is change-tracked. */
  readonly changes?: ChangePositionSql;
  /** The tombstones' SQL when the entity set is change-tracked and deletable. */
  readonly tombstones?: TombstoneSql;
  /** UPDATE of the named columns by key; the key is the last parameter. Built once per column set. */
  update(names: readonly string[]): string;
  /** Insert parameters in column order; absent properties become NULL. */
  toParameters(values: Readonly<Record<string, unknown>>): unknown[];
  /** The wire form of stored values or of a row: every property present, absent ones null. */
  toWire(stored: Readonly<Record<string, unknown>>): Record<string, unknown>;
}

export function prepareEntityStatements(entitySet: EntitySet, dataSource: DataSource): EntityStatements {
  const driver = dataSource.driver;
  const metadata = dataSource.getMetadata(entitySet.name);
  const table = quoteTablePath(driver, metadata);
  const properties = entitySet.entityType.properties.map((property) => ({
    name: property.name,
    fromStored: primitiveType(property.type).fromStored,
  }));
  const columns = properties.map((property) => driver.escape(property.name)).join(', ');
  const placeholders = properties.map((property, index) => driver.createParameter(property.name, index)).join(', ');
  const [key] = entitySet.entityType.key;
  const engine = driver.options.type === 'postgres' ? 'postgres' : 'sqlite';
  const tombstones = entitySet.changeTracking && entitySet.capabilities.deletable ? tombstoneSql(entitySet, engine, dataSource) : undefined;
  const changes = entitySet.changeTracking ? changePositionSql(entitySet, engine, table, tombstones?.largest) : undefined;
  // A change-tracked row moves to a new position when it changes, so the next delta round returns it in its current state.
  const positionAssignment = changes ? [`${driver.escape(CHANGE_POSITION_COLUMN)} = ${changes.assigned}`] : [];
  const insertPosition = changes?.insertsExplicitly ? { column: `, ${driver.escape(CHANGE_POSITION_COLUMN)}`, value: `, ${changes.assigned}` } : { column: '', value: '' };
  const selectByKey = `SELECT ${columns} FROM ${table} WHERE ${driver.escape(key)} = ${driver.createParameter(key, 0)}`;
  const updates = new Map<string, string>();
  return {
    selectByKeyForUpdate: driver.options.type === 'postgres' ? `${selectByKey} FOR UPDATE` : selectByKey,
    deleteByKey: `DELETE FROM ${table} WHERE ${driver.escape(key)} = ${driver.createParameter(key, 0)}`,
    update: (names) => {
      const signature = names.join(',');
      let sql = updates.get(signature);
      if (sql === undefined) {
        const assignments = [
          ...names.map((name, index) => `${driver.escape(name)} = ${driver.createParameter(name, index)}`), ...positionAssignment];
        sql = `UPDATE ${table} SET ${assignments.join(', ')} WHERE ${driver.escape(key)} = ${driver.createParameter(key, names.length)}`;
        updates.set(signature, sql);
      }
      return sql;
    },
    changes,
    tombstones,
    insert: `INSERT INTO ${table} (${columns}${insertPosition.column}) VALUES (${placeholders}${insertPosition.value})`,
    selectByKey,
    count: `SELECT COUNT(*) AS ${driver.escape('count')} FROM ${table}`,
    toParameters: (values) => properties.map((property) => values[property.name] ?? null),
    toWire: (stored) => {
      const entity: Record<string, unknown> = {};
      for (const { name, fromStored } of properties) {
        const value = stored[name];
        entity[name] = value === null || value === undefined ? null : fromStored(value);
      }
      return entity;
    },
  };
}
