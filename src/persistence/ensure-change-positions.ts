// Start-up rule for change-tracked entity sets: the change position column and its index, added to tables that lack them;
// for deletable ones also the tombstone tables.
import type { QueryRunner } from 'typeorm';
import type { Engine } from '../model/edm-primitive-types';
import type { EntitySet } from '../model/service-model';
import { CHANGE_POSITION_COLUMN, changePositionSql } from './change-position';
import { quoteTablePath } from './quote-table-path';
import { tombstoneSql } from './tombstones';

/** Runs after ensureTables, inside ensureSchema's lock and transaction: a table of the previous release is migrated once. */
export async function ensureChangePositions(queryRunner: QueryRunner, entitySets: readonly EntitySet[], engine: Engine): Promise<void> {
  const dataSource = queryRunner.connection;
  for (const entitySet of entitySets.filter((set) => set.changeTracking)) {
    const metadata = dataSource.getMetadata(entitySet.name);
    const sql = changePositionSql(entitySet, engine, quoteTablePath(dataSource.driver, metadata));
    const table = await queryRunner.getTable(metadata.tablePath);
    if (!table?.findColumnByName(CHANGE_POSITION_COLUMN)) {
      for (const statement of sql.migrate) await queryRunner.query(statement);
    }
    await queryRunner.query(sql.index);
    // A deletable set's tombstones: new tables beside the entity table, so a previous release's rows stay as they are.
    if (entitySet.capabilities.deletable) for (const statement of tombstoneSql(entitySet, engine, dataSource).create) await queryRunner.query(statement);
  }
}
