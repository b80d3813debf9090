// SortRestrictions, CountRestrictions, TopSupported and SkipSupported against $orderby, $count, $top and $skip.
import { expect } from 'chai';
import type { EdmProperty } from '../../src/model/service-model';
import { ALICE, BOB, get, idsOf } from './claim-fixture';
import { capability, check, expectRefused, memberOf, pathsOf, tagOf, type Claim, type ClaimContext } from './claims';

const SORT = capability('SortRestrictions');
const COUNT = capability('CountRestrictions');

/** OData 4.01 Part 1, 11.2.6.2: nulls first ascending; ties broken by the key (the service's stable order). */
function expectedOrder(context: ClaimContext, property: EdmProperty, descending: boolean): string[] {
  const valueOf = (event: Readonly<Record<string, unknown>>) => {
    const value = event[property.name];
    if (value === undefined || value === null) return null;
    return property.type === 'Edm.DateTimeOffset' ? Date.parse(String(value)) : String(value);
  };
  const rows = [{ ...ALICE, id: context.alice }, { ...BOB, id: context.bob }].map((event) => ({ id: event.id, value: valueOf(event) }));
  type Value = string | number | null;
  const compare = (a: Value, b: Value) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => (descending ? -compare(a.value, b.value) : compare(a.value, b.value)) || byId(a.id, b.id));
  return rows.map((row) => row.id);
}

export const sortRestrictions: Claim = {
  term: SORT, target: 'EntitySet', members: ['Sortable', 'NonSortableProperties', 'AscendingOnlyProperties', 'DescendingOnlyProperties'],
  checks: (value) => [memberOf(SORT, value, 'Sortable') === true
    ? check('Sortable: each property orders asc and desc unless listed as non-sortable or as one direction only', async (context) => {
      const refused = (direction: string) => pathsOf(memberOf(SORT, value, 'NonSortableProperties'))
        .concat(pathsOf(memberOf(SORT, value, direction === 'asc' ? 'DescendingOnlyProperties' : 'AscendingOnlyProperties')));
      for (const property of context.entitySet.entityType.properties) {
        for (const direction of ['asc', 'desc']) {
          const query = `$orderby=${property.name} ${direction}`;
          if (refused(direction).includes(property.name)) expectRefused((await get(context, `?${query}`)).status, query);
          else expect(await idsOf(context, query), query).to.deep.equal(expectedOrder(context, property, direction === 'desc'));
        }
      }
    })
    : check('not Sortable: $orderby is refused', async (context) => expectRefused((await get(context, '?$orderby=id')).status, '$orderby'))],
};

export const countRestrictions: Claim = {
  term: COUNT, target: 'EntitySet', members: ['Countable'],
  checks: (value) => (memberOf(COUNT, value, 'Countable') === true
    ? [
      check('Countable: $count=true counts every match, whatever $top says', async (context) => {
        const response = await get(context, "?$count=true&$top=1&$filter=requestType ne 'Deactivate'");
        expect({ count: response.body['@odata.count'], page: response.body.value.length }).to.deep.equal({ count: 2, page: 1 });
      }),
      check('Countable: /$count answers the filtered count as text', async (context) => {
        const response = await get(context, "/$count?$filter=requestType eq 'Assign'");
        expect({ status: response.status, type: response.headers['content-type'], text: response.text })
          .to.deep.include({ status: 200, text: '1' }).and.to.have.property('type').that.matches(/^text\/plain/);
      }),
    ]
    : [check('not Countable: $count=true and /$count are refused', async (context) => {
      expectRefused((await get(context, '?$count=true')).status, '$count=true');
      expectRefused((await get(context, '/$count')).status, '/$count');
    })]),
};

export const topSupported: Claim = {
  term: capability('TopSupported'), target: 'EntitySet',
  checks: (value) => [tagOf(capability('TopSupported'), value)
    ? check('TopSupported: $top=1 answers the first entity only', async (context) => {
      expect(await idsOf(context, '$top=1&$orderby=creationDateTime desc')).to.deep.equal([context.alice]);
    })
    : check('not TopSupported: $top is refused', async (context) => expectRefused((await get(context, '?$top=1')).status, '$top'))],
};

export const skipSupported: Claim = {
  term: capability('SkipSupported'), target: 'EntitySet',
  checks: (value) => [tagOf(capability('SkipSupported'), value)
    ? check('SkipSupported: $skip=1 leaves out the first entity', async (context) => {
      expect(await idsOf(context, '$skip=1&$orderby=creationDateTime desc')).to.deep.equal([context.bob]);
    })
    : check('not SkipSupported: $skip is refused', async (context) => expectRefused((await get(context, '?$skip=1')).status, '$skip'))],
};
