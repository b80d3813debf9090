// Keyset paging: walking every page through the $skiptoken yields each row once, in order, nulls included, on both engines.
import { expect } from 'chai';
import {
  compileQuery, decodeSkipToken, encodeSkipToken, nextPageState, parseCollectionQuery, planPage, type SkipTokenState,
} from '../../src/query';
import { describeOnEngines } from '../support/query-engines';
import { buildEvents, privilegedOperationEvents } from '../support/query-fixture';
import { orderRows } from '../support/query-oracle';

const entitySet = privilegedOperationEvents();
const rows = buildEvents();
const key = 'a test key that is long enough for HMAC-SHA256';

const ORDERS: readonly { query: string; order: readonly (readonly [string, 'asc' | 'desc'])[]; where?: (row: typeof rows[number]) => boolean }[] = [
  { query: '$orderby=userName', order: [['userName', 'asc']] },
  { query: '$orderby=userName desc', order: [['userName', 'desc']] },
  { query: '$orderby=requestType desc,creationDateTime', order: [['requestType', 'desc'], ['creationDateTime', 'asc']] },
  { query: '$orderby=expirationDateTime desc,userName', order: [['expirationDateTime', 'desc'], ['userName', 'asc']] },
  { query: "$filter=roleName ne null&$orderby=creationDateTime", order: [['creationDateTime', 'asc']], where: (row) => row.roleName !== null },
  { query: '$orderby=id desc', order: [['id', 'desc']] },
];

describeOnEngines('keyset paging', entitySet, rows, (engine) => {
  async function walk(rawQuery: string, pageSize: number): Promise<{ ids: string[]; pages: number }> {
    const query = parseCollectionQuery(rawQuery, entitySet);
    const compiled = compileQuery(query, entitySet, engine().dialect);
    const ids: string[] = [];
    let state: SkipTokenState | undefined;
    for (let pages = 1; pages <= rows.length + 1; pages += 1) {
      const plan = planPage(query, pageSize, state);
      const page: Awaited<ReturnType<ReturnType<typeof engine>['rows']>> = [];
      // As the collection reader does: the keyset parts in order, until the window is full.
      for (const statement of compiled.selectStatements(plan.window)) {
        if (page.length < (plan.window.limit ?? Infinity)) page.push(...await engine().rows(statement));
      }
      page.splice(plan.window.limit ?? page.length);
      ids.push(...page.slice(0, plan.pageSize).map((row) => String(row.id)));
      const next = nextPageState(plan, page.length, () => compiled.positionOf(page[plan.pageSize - 1]));
      if (!next) return { ids, pages };
      // Every continuation goes through the token, as a nextLink would
      state = decodeSkipToken(encodeSkipToken(next, { query, entitySet, key }), { query, entitySet, key });
    }
    throw new Error('paging did not end');
  }

  for (const { query, order, where } of ORDERS) {
    for (const pageSize of [1, 7, 50]) {
      it(`walks ${query} in pages of ${pageSize}: every row once, in order, nulls included`, async () => {
        const expected = orderRows(rows.filter(where ?? (() => true)), order).map((row) => row.id);
        const { ids, pages } = await walk(query, pageSize);
        expect(new Set(ids).size).to.equal(ids.length);
        expect(ids).to.deep.equal(expected);
        expect(pages).to.equal(Math.max(1, Math.ceil(expected.length / pageSize)));
      });
    }
  }

  it('applies $skip once and honours a $top larger than a page across pages', async () => {
    const expected = orderRows(rows, [['userName', 'asc']]).slice(4, 27).map((row) => row.id);
    const { ids, pages } = await walk('$orderby=userName&$top=23&$skip=4', 5);
    expect(ids).to.deep.equal(expected);
    expect(pages).to.equal(5);
  });

  it('gives the keyset condition with placeholders that continue the WHERE ones', async () => {
    const query = parseCollectionQuery("$filter=requestType ne 'Assign'&$orderby=expirationDateTime desc,userName", entitySet);
    const compiled = compileQuery(query, entitySet, engine().dialect);
    const ordered = await engine().rows(compiled.selectStatement());
    const after = compiled.after(compiled.positionOf(ordered[99]));
    const sql = `SELECT ${compiled.columns} FROM ${compiled.table} WHERE ${compiled.where} AND ${after.sql} ORDER BY ${compiled.orderBy}`;
    const rest = await engine().rows({ sql, params: [...compiled.params, ...after.params] });
    expect(rest.map((row) => row.id)).to.deep.equal(ordered.slice(100).map((row) => row.id));
  });
});
