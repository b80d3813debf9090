// On a deletable set a delta round merges rows and tombstones: k changes (creates and deletes) among many rows and many
// older tombstones read k index entries of the two indexes, and sort only the page.
import { expect } from 'chai';
import { roundStatements } from '../../src/delta/change-round';
import { changePositionIndexName } from '../../src/persistence/change-position';
import type { EntityStore } from '../../src/persistence/entity-store';
import { tombstoneIndexName } from '../../src/persistence/tombstones';
import { compileQuery, parseCollectionQuery, type SqlStatement } from '../../src/query';
import { TEST_ENGINES } from '../support/test-gateway';
import { inspectedDatabase, type InspectedDatabase } from './index-inspection';
import { graphBetaModel, privilegedOperationEvents } from './test-model';

const TABLE = 'privilegedOperationEvents';
const ROWS = 20_000;
const OLD_DELETES = 300;
const NEW = 25;
const LIMIT = 101;
const DELETABLE = ['<PropertyValue Property="Deletable" Bool="false"/>', '<PropertyValue Property="Deletable" Bool="true"/>'] as const;
const seeded = (row: number) => `00000000-0000-4000-8000-${String(row).padStart(12, '0')}`;

for (const engine of TEST_ENGINES) describe(`a delta round of ${NEW} creates and ${NEW} deletes among ${ROWS} rows and ${OLD_DELETES} older tombstones on ${engine}`, function () {
  this.timeout(120_000);
  const model = graphBetaModel(DELETABLE);
  const entitySet = privilegedOperationEvents(model);
  let database: InspectedDatabase | undefined;
  let store: EntityStore;
  let statements: SqlStatement[];
  const expected: string[] = [];
  const explain = (statement: SqlStatement) => database!.plan(engine === 'postgres'
    ? { sql: `(ANALYZE, COSTS OFF, TIMING OFF) ${statement.sql}`, params: statement.params } : statement);

  before(async function () {
    database = await inspectedDatabase(engine);
    if (!database) this.skip();
    store = await database!.open(model);
    const compiled = compileQuery(parseCollectionQuery('', entitySet), entitySet, engine, { schema: database!.schema });
    await database!.seed(TABLE, ROWS);
    for (let row = 0; row < OLD_DELETES; row += 1) await store.delete(entitySet, seeded(row), () => undefined);
    const from = await store.changePosition(entitySet);
    for (let index = 0; index < NEW; index += 1) {
      expected.push(String((await store.insert(entitySet, { id: `new-${String(index).padStart(3, '0')}` })).id));
      await store.delete(entitySet, seeded(ROWS - 1 - index), () => undefined);
      expected.push(`removed ${seeded(ROWS - 1 - index)}`);
    }
    const to = await store.changePosition(entitySet);
    statements = roundStatements(compiled, entitySet, engine, { from, to, limit: LIMIT });
  });
  after(async () => { await database?.drop(); });

  it('returns the creates and the deletes in commit order', async () => {
    const rows = [];
    for (const statement of statements) rows.push(...await store.selectChanges(entitySet, statement));
    expect(rows.map((row) => (row.removed ? `removed ${row.entity.id}` : row.entity.id))).to.deep.equal(expected);
  });

  it('reads the two change position indexes only, within the window', async () => {
    for (const statement of statements) {
      const plan = (await explain(statement)).join('\n');
      if (process.env.SHOW_PLANS === '1') console.log(`        ${plan.replace(/\n/g, '\n        ')}`);
      if (engine === 'sqlite') {
        for (const index of [changePositionIndexName(TABLE), tombstoneIndexName(TABLE)]) {
          expect(plan).to.match(new RegExp(`SEARCH \\S+ USING (COVERING )?INDEX ${index.replace(/\$/g, '\\$')} \\(\\$changePosition[<>=]`));
        }
        expect(plan, 'no table is scanned').to.not.match(/SCAN (privilegedOperationEvents|"?privilegedOperationEvents\$removed)/);
        continue;
      }
      expect(plan).to.match(new RegExp(`Index (Only )?Scan using "?${changePositionIndexName(TABLE)}"?`));
      // The small tombstone table may be read through a bitmap of the same index range: still only the window's entries.
      expect(plan).to.match(new RegExp(`(Index (Only )?Scan using|Bitmap Index Scan on) "?${tombstoneIndexName(TABLE)}"?`));
      expect(plan).to.not.match(/Seq Scan|Bitmap Heap Scan on "privilegedOperationEvents"/);
      const scanned = [...plan.matchAll(/(?:Index (?:Only )?Scan using|Bitmap Index Scan on) \S+ (?:on \S+ )?\(actual rows=(\d+)/g)].map(([, rows]) => Number(rows));
      expect(scanned.length, 'both index scans report their rows').to.be.at.least(2);
      expect(scanned.every((rows) => rows <= NEW), plan).to.equal(true);
      const removed = [...plan.matchAll(/Rows Removed by Filter: (\d+)/g)].map(([, count]) => Number(count));
      expect(removed.every((count) => count === 0), plan).to.equal(true);
    }
  });
});
