// Start-up index rule: create every index the model declares when missing; never drop or change one.
import type { QueryRunner } from 'typeorm';
import type { Engine } from '../model/edm-primitive-types';
import type { EntitySet } from '../model/service-model';
import { indexDefinitions } from './index-definitions';
import { quoteTablePath } from './quote-table-path';

/** Runs after ensureTables, inside ensureSchema's lock, so instances starting together take turns. */
export async function ensureIndexes(queryRunner: QueryRunner, entitySets: readonly EntitySet[], engine: Engine): Promise<void> {
  const dataSource = queryRunner.connection;
  for (const entitySet of entitySets) {
    const table = quoteTablePath(dataSource.driver, dataSource.getMetadata(entitySet.name));
    for (const definition of indexDefinitions(entitySet, engine, table)) await queryRunner.query(definition.sql);
  }
}
