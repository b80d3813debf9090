// Graph's documented list calls and the key order, compiled by src/query, read an index and sort nothing, in both engines' own plans.
import { expect } from 'chai';
import type { EntitySet } from '../../src/model/service-model';
import { compileQuery, parseCollectionQuery, planPage, type SqlStatement } from '../../src/query';
import { DEFAULTS } from '../../src/config/gateway-config';
import { TEST_ENGINES } from '../support/test-gateway';
import { inspectedDatabase, type InspectedDatabase } from './index-inspection';
import { graphBetaModel, privilegedOperationEvents } from './test-model';

const TABLE = 'privilegedOperationEvents';
/** Enough rows that the planners weigh a full scan against the indexes with real statistics (no planner settings). */
const ROWS = 20_000;

const DATE_RANGE = '$filter=(creationDateTime ge 2017-06-25T07:00:00Z) and (creationDateTime le 2017-07-25T17:30:17Z)'
  + '&$count=true&$orderby=creationDateTime desc';
const byType = (type: string) => `$filter=requestType eq '${type}'&$orderby=creationDateTime desc&$top=50`;

interface Call {
  readonly title: string;
  readonly query: string;
  readonly statement: 'page' | 'count';
  /** A later page: the rows after this position, the sort values then the key (as a $skiptoken resumes). */
  readonly after?: readonly unknown[];
  /** The indexes the plan may read: the declared ones, or the one that serves the key order. */
  readonly reads: 'declared' | 'key order';
}

const CALLS: readonly Call[] = [
  { title: byType('Assign'), query: byType('Assign'), statement: 'page', reads: 'declared' }, // 30% of the rows
  { title: byType('AccessReview_Delete'), query: byType('AccessReview_Delete'), statement: 'page', reads: 'declared' }, // 1%
  { title: DATE_RANGE, query: DATE_RANGE, statement: 'page', reads: 'declared' },
  { title: `the count of ${DATE_RANGE}`, query: DATE_RANGE, statement: 'count', reads: 'declared' },
  { title: 'no options (the key order)', query: '', statement: 'page', reads: 'key order' },
  { title: 'a later page of the key order', query: '', statement: 'page', after: ['00000000-0000-4000-8000-000000010000'], reads: 'key order' },
  {
    title: `a later page of ${byType('Assign')}`, query: byType('Assign'), statement: 'page', reads: 'declared',
    after: ['2017-07-01T00:00:00Z', '00000000-0000-4000-8000-000000010000'],
  },
];

/** The index that serves the key order: the primary key's on SQLite, the one in "C" on PostgreSQL (see declared-indexes). */
const KEY_ORDER: Readonly<Record<string, string>> = { sqlite: 'id asc BINARY', postgres: 'id COLLATE "C" NULLS FIRST' };

function compiled(entitySet: EntitySet, engine: 'sqlite' | 'postgres', call: Call, schema?: string): SqlStatement {
  const query = parseCollectionQuery(call.query, entitySet);
  const compiledQuery = compileQuery(query, entitySet, engine, { schema });
  if (call.statement === 'count') return compiledQuery.countStatement();
  const { window } = planPage(query, Number(DEFAULTS.DEFAULT_PAGE_SIZE), undefined);
  // The first statement of the page: the keyset range (a null tail, when there is one, runs only after it).
  return compiledQuery.selectStatements(call.after === undefined ? window : { ...window, after: { values: call.after } })[0];
}

/** The plan reads one of `indexes`, scans no table in full and, for a page, sorts nothing (the index gives the order). */
function expectIndexPlan(engine: string, plan: readonly string[], indexes: readonly string[], call: Call): void {
  const text = plan.join('\n');
  // SQLite: "SEARCH t USING [COVERING] INDEX name (…)"; PostgreSQL: "Index Scan using "name" on t", "Bitmap Index Scan on "name"".
  const usesAllowed = indexes.some((name) => new RegExp(engine === 'sqlite'
    ? `USING (COVERING )?INDEX ${name}\\b` : `Index (Only )?Scan (using|on) "?${name}"?\\s`).test(text));
  expect(usesAllowed, `${call.title}\n${text}`).to.equal(true);
  expect(text, call.title).to.not.match(engine === 'sqlite' ? new RegExp(`^SCAN ${TABLE}$`, 'm') : /Seq Scan/);
  if (call.statement === 'page') expect(text, call.title).to.not.match(engine === 'sqlite' ? /TEMP B-TREE/ : /\bSort\b/);
  // A later page starts at its position inside the index: the first sort key is bounded in the index condition.
  if (call.after && call.after.length > 1) expect(text, call.title).to.match(/creationDateTime"?\s*<=?\s*[?'(]/);
}

for (const engine of TEST_ENGINES) describe(`the documented list calls on ${engine}, ${ROWS} rows`, () => {
  let database: InspectedDatabase | undefined;
  let indexes: Record<string, string> = {};
  const entitySet = privilegedOperationEvents(graphBetaModel());
  before(async function () {
    this.timeout(60_000);
    database = await inspectedDatabase(engine);
    if (!database) this.skip();
    await database!.open(graphBetaModel());
    await database!.seed(TABLE, ROWS);
    indexes = await database!.indexes(TABLE);
  });
  after(async () => { await database?.drop(); });

  for (const call of CALLS) {
    it(`reads ${call.reads === 'declared' ? 'a declared index' : 'the key order\'s index'} for ${call.title}`, async () => {
      const plan = await database!.plan(compiled(entitySet, engine, call, database!.schema));
      if (process.env.SHOW_PLANS === '1') console.log(`      ${call.title}\n        ${plan.join('\n        ')}`);
      const allowed = Object.keys(indexes).filter((name) => (call.reads === 'declared' ? name.startsWith('ix_') && indexes[name] !== KEY_ORDER[engine]
        : indexes[name] === KEY_ORDER[engine]));
      expectIndexPlan(engine, plan, allowed, call);
    });
  }
});
