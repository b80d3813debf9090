// The store contract and the PostgreSQL-only promises (column types, schema, per-pool parsers) on a fresh schema.
import { expect } from 'chai';
import { openEntityStore, type EntityStore } from '../../src/persistence/entity-store';
import { postgresTestDatabase, type PostgresTestDatabase } from '../support/postgres';
import { describePrimitiveTypesContract } from './primitive-types-contract';
import { describeSchemaEvolutionContract } from './schema-evolution-contract';
import { describeStoreContract } from './store-contract';
import { describeTransactionContract } from './transaction-contract';
import type { TestDatabaseFactory } from './store-harness';
import { graphBetaModel } from './test-model';

const newPostgresDatabase: TestDatabaseFactory = async () => {
  const database = await postgresTestDatabase();
  return database && { config: { engine: 'postgres', url: database.url, schema: database.schema }, drop: () => database.drop() };
};

describeStoreContract('postgres', newPostgresDatabase);
describeTransactionContract('postgres', newPostgresDatabase);
describeSchemaEvolutionContract('postgres', newPostgresDatabase);
describePrimitiveTypesContract('postgres', newPostgresDatabase);

describe('EntityStore on postgres, tables and driver settings', () => {
  let database: PostgresTestDatabase | undefined;
  let store: EntityStore | undefined;

  before(async function () {
    database = await postgresTestDatabase();
    if (!database) this.skip();
    store = await openEntityStore(graphBetaModel(), { engine: 'postgres', url: database.url, schema: database.schema });
  });

  after(async () => {
    await store?.close();
    await database?.drop();
  });

  const columnType = async (column: string) => (await database!.query(
    'SELECT data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_name = $3',
    [database!.schema, 'privilegedOperationEvents', column],
  )).map((row) => row.data_type);

  it('creates the table in the configured schema with DateTimeOffset columns as text in the "C" collation (timestamptz keeps only microseconds)', async () => {
    expect(await columnType('creationDateTime')).to.deep.equal(['text']);
    const [collation] = await database!.query(
      'SELECT collation_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_name = $3',
      [database!.schema, 'privilegedOperationEvents', 'creationDateTime'],
    );
    expect(collation.collation_name).to.equal('C');
  });

  it('creates the key column as a NOT NULL primary key', async () => {
    const rows = await database!.query(
      `SELECT a.attname AS column, a.attnotnull AS not_null FROM pg_index i
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
       WHERE i.indisprimary AND i.indrelid = format('%I.%I', $1::text, $2::text)::regclass`,
      [database!.schema, 'privilegedOperationEvents'],
    );
    expect(rows).to.deep.equal([{ column: 'id', not_null: true }]);
  });

  it('leaves the pg module\'s global timestamptz parser returning Dates', () => {
    const pg = require('pg') as { types: { getTypeParser(oid: number, format: string): (text: string) => unknown } };
    expect(pg.types.getTypeParser(1184, 'text')('2026-11-03 10:15:30.123456+00')).to.be.instanceOf(Date);
  });
});
