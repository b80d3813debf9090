// The indexes Storage.Indexes declares exist after start-up on both engines, every start adds only what is missing, starts may overlap.
import { expect } from 'chai';
import { STORAGE } from '../../src/model/service-model';
import { TEST_ENGINES } from '../support/test-gateway';
import { inspectedDatabase, type InspectedDatabase } from './index-inspection';
import { graphBetaModel } from './test-model';

const TABLE = 'privilegedOperationEvents';

/**
 * What each engine reports for the shipped CSDL: the declared columns with the key appended, plus the primary key, plus
 * the change position's index of delta query (src/delta: the set is change-tracked).
 */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  // PRAGMA index_xinfo: the primary key's own index already has the BINARY collation the queries compare with.
  sqlite: [
    'id asc BINARY',
    'requestType asc BINARY, creationDateTime desc BINARY, id asc BINARY',
    'creationDateTime desc BINARY, id asc BINARY',
    '$changePosition asc BINARY, id asc BINARY',
  ],
  // pg_indexes: the primary key index has the database's collation, so the key order gets an index in "C" of its own.
  postgres: [
    'id',
    '"requestType" COLLATE "C" NULLS FIRST, "creationDateTime" DESC NULLS LAST, id COLLATE "C" NULLS FIRST',
    '"creationDateTime" DESC NULLS LAST, id COLLATE "C" NULLS FIRST',
    'id COLLATE "C" NULLS FIRST',
    '"$changePosition", id COLLATE "C"',
  ],
};

/** A third index, on userName descending, added to the shipped declarations. */
const USER_NAME_INDEX = [
  `<Annotation Term="Storage.Indexes">
            <Collection>`,
  `<Annotation Term="Storage.Indexes">
            <Collection><Record><PropertyValue Property="Properties"><Collection><PropertyPath>userName</PropertyPath></Collection></PropertyValue>
            <PropertyValue Property="DescendingProperties"><Collection><PropertyPath>userName</PropertyPath></Collection></PropertyValue></Record>`,
] as const;

for (const engine of TEST_ENGINES) describe(`indexes declared with ${STORAGE}.Indexes on ${engine}`, () => {
  let database: InspectedDatabase | undefined;
  beforeEach(async function () {
    database = await inspectedDatabase(engine);
    if (!database) this.skip();
  });
  afterEach(async () => { await database?.drop(); });

  const columnLists = async () => Object.values(await database!.indexes(TABLE)).sort();

  it('exist after start-up, the key appended, in the order and collation the queries use', async () => {
    await database!.open(graphBetaModel());
    expect(await columnLists()).to.deep.equal([...EXPECTED[engine]].sort());
  });

  it('follow the CSDL: a declaration added there is created at the next start, the others kept', async () => {
    await database!.open(graphBetaModel());
    const before = await database!.indexes(TABLE);
    await database!.open(graphBetaModel(USER_NAME_INDEX));
    const after = await database!.indexes(TABLE);
    expect(after).to.deep.include(before);
    const added = Object.keys(after).filter((name) => !(name in before)).map((name) => after[name]);
    expect(added).to.deep.equal([engine === 'sqlite'
      ? 'userName desc BINARY, id asc BINARY' : '"userName" COLLATE "C" DESC NULLS LAST, id COLLATE "C" NULLS FIRST']);
  });

  it('are neither dropped nor duplicated by a restart with the same CSDL', async () => {
    const first = await database!.open(graphBetaModel());
    const created = await database!.indexes(TABLE);
    await first.close();
    await database!.open(graphBetaModel());
    expect(await database!.indexes(TABLE)).to.deep.equal(created);
  });

  it('are created once when several instances start together on an empty database', async () => {
    await Promise.all([1, 2, 3, 4].map(() => database!.open(graphBetaModel())));
    expect(await columnLists()).to.deep.equal([...EXPECTED[engine]].sort());
  });
});
