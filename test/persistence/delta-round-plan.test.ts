// A delta round of k new events on a large table reads k index entries, whatever else the table holds or others hold open.
import { expect } from 'chai';
import { roundStatements } from '../../src/delta/change-round';
import { changePositionIndexName } from '../../src/persistence/change-position';
import type { EntityStore } from '../../src/persistence/entity-store';
import { compileQuery, parseCollectionQuery, type SqlStatement } from '../../src/query';
import { postgresHeldWriter, type HeldTransaction, type HeldWriter } from '../support/held-writer';
import { TEST_ENGINES } from '../support/test-gateway';
import { inspectedDatabase, type InspectedDatabase } from './index-inspection';
import { graphBetaModel, privilegedOperationEvents } from './test-model';

const TABLE = 'privilegedOperationEvents';
const ROWS = 20_000;
const NEW = 50;
const INDEX = changePositionIndexName(TABLE);

for (const engine of TEST_ENGINES) describe(`a delta round of ${NEW} new events among ${ROWS} on ${engine}`, function () {
  this.timeout(60_000);
  const entitySet = privilegedOperationEvents(graphBetaModel());
  let database: InspectedDatabase | undefined;
  let store: EntityStore;
  let statements: SqlStatement[];
  let emptyRound: SqlStatement[];
  let added: string[];
  let otherSession: { writer: HeldWriter; open: HeldTransaction } | undefined;
  const explain = (statement: SqlStatement) => database!.plan(engine === 'postgres'
    // EXPLAIN (ANALYZE): the rows each node really read, not the planner's estimate.
    ? { sql: `(ANALYZE, COSTS OFF, TIMING OFF) ${statement.sql}`, params: statement.params } : statement);

  before(async function () {
    database = await inspectedDatabase(engine);
    if (!database) this.skip();
    store = await database!.open(graphBetaModel());
    const schemaCompiled = compileQuery(parseCollectionQuery('', entitySet), entitySet, engine, { schema: database!.schema });
    if (engine === 'postgres') {
      // Another session's transaction, older than every seeded row and open across the round: the snapshots' xmin stays
      // below all of the table, so a range from xmin would read every row; the round reads only its xid (xip) instead.
      const writer = postgresHeldWriter(database!.config.engine === 'postgres' ? database!.config.url : '', database!.schema!);
      otherSession = { writer, open: await writer.open(1) };
    }
    await database!.seed(TABLE, ROWS);
    const from = await store.changePosition(entitySet);
    added = [];
    for (let index = 0; index < NEW; index += 1) added.push(String((await store.insert(entitySet, { id: `new-${String(index).padStart(3, '0')}` })).id));
    const to = await store.changePosition(entitySet);
    statements = roundStatements(schemaCompiled, entitySet, engine, { from, to, limit: 101 });
    emptyRound = roundStatements(schemaCompiled, entitySet, engine, { from: to, to, limit: 101 });
  });
  after(async () => {
    await otherSession?.open.rollback();
    await otherSession?.writer.close();
    await database?.drop();
  });

  it('returns exactly the new events, and nothing for a round without changes', async () => {
    const rows = [];
    for (const statement of statements) rows.push(...await store.selectChanges(entitySet, statement));
    expect(rows.map((row) => row.entity.id)).to.deep.equal(added);
    const none = [];
    for (const statement of emptyRound) none.push(...await store.selectChanges(entitySet, statement));
    expect(none).to.deep.equal([]);
  });

  it('reads only the change position index, sorts nothing and touches only the new rows', async () => {
    for (const statement of [...statements, ...emptyRound]) {
      const plan = (await explain(statement)).join('\n');
      if (process.env.SHOW_PLANS === '1') console.log(`        ${plan.replace(/\n/g, '\n        ')}`);
      if (engine === 'sqlite') {
        expect(plan).to.match(new RegExp(`SEARCH ${TABLE} USING INDEX ${INDEX} \\(\\$changePosition[<>=]`));
        expect(plan).to.not.match(/TEMP B-TREE|^SCAN/m);
        continue;
      }
      expect(plan).to.match(new RegExp(`Index (Only )?Scan using "?${INDEX}"?`));
      expect(plan).to.not.match(/Seq Scan|Bitmap Heap Scan/);
      // The index range holds the round's rows and no seeded one: the scan returns at most NEW and filters none away.
      for (const [, rows] of plan.matchAll(/Index (?:Only )?Scan using \S+ on \S+ \(actual rows=(\d+)/g)) expect(Number(rows)).to.be.at.most(NEW);
      const removed = [...plan.matchAll(/Rows Removed by Filter: (\d+)/g)].map(([, count]) => Number(count));
      expect(removed.every((count) => count === 0), plan).to.equal(true);
    }
  });
});
