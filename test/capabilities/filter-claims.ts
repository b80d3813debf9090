// FilterRestrictions and FilterFunctions: what may be filtered on, and every operator and canonical function, listed or not.
import { expect } from 'chai';
import { byKey, get, idsOf } from './claim-fixture';
import { capability, check, expectRefused, memberOf, pathsOf, type Claim, type ClaimContext } from './claims';

/**
 * Each operator and canonical function of OData 4.01 Part 2, 5.1.1 with a $filter that, where it is supported, matches
 * Alice's event only. Lambda operators (any, all) are left out: they need a collection-valued property and the model
 * has none, so they can only be refused as paths the type lacks.
 */
export const FILTER_EXAMPLES: Readonly<Record<string, string>> = {
  eq: "requestType eq 'Assign'", ne: "requestType ne 'Activate'",
  gt: 'creationDateTime gt 2017-01-01T00:00:00Z', ge: 'creationDateTime ge 2017-06-25T07:00:00.5Z',
  lt: "userName lt 'B'", le: "userName le 'Alice Admin'",
  and: "requestType eq 'Assign' and roleName eq 'Global Administrator'",
  or: "requestType eq 'Unassign' or roleName eq 'Global Administrator'",
  not: "not (requestType eq 'Activate')", in: "requestType in ('Assign','Deactivate')",
  has: "requestType has 'Assign'",
  add: 'length(userName) add 1 eq 12', sub: 'length(userName) sub 1 eq 10', mul: 'length(userName) mul 2 eq 22',
  div: 'length(userName) div 11 eq 1', divby: 'length(userName) divby 2 eq 5.5', mod: 'length(userName) mod 10 eq 1',
  contains: "contains(userName,'Admin')", startswith: "startswith(userName,'Alice')", endswith: "endswith(userName,'Admin')",
  length: 'length(userName) eq 11', indexof: "indexof(userName,'Admin') eq 6", substring: "substring(userName,6) eq 'Admin'",
  matchesPattern: "matchesPattern(userName,'^Alice')", tolower: "tolower(userName) eq 'alice admin'",
  toupper: "toupper(userName) eq 'ALICE ADMIN'", trim: "trim(referenceKey) eq 'padded'", concat: "concat(userName,'!') eq 'Alice Admin!'",
  hassubset: "hassubset(['Assign','Activate'],['Assign']) and requestType eq 'Assign'",
  hassubsequence: "hassubsequence(['Assign','Activate'],['Assign']) and requestType eq 'Assign'",
  year: 'year(creationDateTime) eq 2017', month: 'month(creationDateTime) eq 6', day: 'day(creationDateTime) eq 25',
  hour: 'hour(creationDateTime) eq 7', minute: 'minute(creationDateTime) eq 0', second: 'second(creationDateTime) eq 0',
  fractionalseconds: 'fractionalseconds(creationDateTime) eq 0.5', date: 'date(creationDateTime) eq 2017-06-25',
  time: 'time(creationDateTime) ge 07:00:00', totaloffsetminutes: "totaloffsetminutes(creationDateTime) eq 0 and requestType eq 'Assign'",
  totalseconds: "totalseconds(duration'PT1S') eq 1 and requestType eq 'Assign'", now: 'expirationDateTime gt now()',
  maxdatetime: "creationDateTime lt maxdatetime() and requestType eq 'Assign'",
  mindatetime: "creationDateTime gt mindatetime() and requestType eq 'Assign'",
  round: 'round(length(userName)) eq 11', floor: 'floor(length(userName)) eq 11', ceiling: 'ceiling(length(userName)) eq 11',
  cast: "cast(length(userName),Edm.String) eq '11'", isof: "isof(userName,Edm.String) and requestType eq 'Assign'",
  'geo.distance': "geo.distance(geography'SRID=4326;Point(0 0)',geography'SRID=4326;Point(0 0)') eq 0 and requestType eq 'Assign'",
  'geo.intersects': "geo.intersects(geography'SRID=4326;Point(0 0)',geography'SRID=4326;Polygon((0 0,1 0,1 1,0 0))') and requestType eq 'Assign'",
  'geo.length': "geo.length(geography'SRID=4326;LineString(0 0,1 1)') gt 0 and requestType eq 'Assign'",
  case: "case(userName eq 'Alice Admin':true,true:false)",
};

const filter = (context: ClaimContext, expression: string) => get(context, `?$filter=${encodeURIComponent(expression)}`);

async function expectOnlyAlice(context: ClaimContext, expression: string): Promise<void> {
  expect(await idsOf(context, `$filter=${encodeURIComponent(expression)}`), expression).to.deep.equal([context.alice]);
}

const RESTRICTIONS = capability('FilterRestrictions');

export const filterRestrictions: Claim = {
  term: RESTRICTIONS, target: 'EntitySet', members: ['Filterable', 'RequiresFilter', 'NonFilterableProperties'],
  checks: (value) => [
    memberOf(RESTRICTIONS, value, 'Filterable') === true
      ? check('Filterable: $filter selects the matching entities, with parameter aliases too', async (context) => {
        await expectOnlyAlice(context, "requestType eq 'Assign'");
        expect(await idsOf(context, "$filter=userName eq @name&@name='Alice Admin'")).to.deep.equal([context.alice]);
      })
      : check('not Filterable: $filter is refused', async (context) => expectRefused((await filter(context, 'true')).status, '$filter')),
    memberOf(RESTRICTIONS, value, 'RequiresFilter') === true
      ? check('RequiresFilter: a read without $filter is refused', async (context) => expectRefused((await get(context, '')).status, 'GET'))
      : check('RequiresFilter=false: a read without $filter answers every entity', async (context) => {
        expect(await idsOf(context, '')).to.deep.equal(byKey(context.alice, context.bob));
      }),
    check('NonFilterableProperties: every other property can be compared in $filter, the listed ones cannot', async (context) => {
      const nonFilterable = pathsOf(memberOf(RESTRICTIONS, value, 'NonFilterableProperties'));
      for (const { name } of context.entitySet.entityType.properties) {
        const { status } = await filter(context, `${name} eq null`);
        if (nonFilterable.includes(name)) expectRefused(status, `$filter on ${name}`);
        else expect(status, `$filter on ${name}`).to.equal(200);
      }
    }),
  ],
};

/** OData 4.01 Part 1, 9.3.1 and 13.1.2 item 7: an operator or function the service does not support answers 501. */
export const filterFunctions: Claim = {
  term: capability('FilterFunctions'), target: 'EntityContainer',
  checks: (value) => {
    if (!Array.isArray(value) || value.length === 0) return []; // Capabilities: not specified means "may be attempted"
    const listed = value.map(String);
    return [
      ...listed.map((name) => check(`lists ${name}: it filters`, async (context) => {
        expect(FILTER_EXAMPLES, `no $filter example for '${name}' in filter-claims.ts`).to.have.property(name);
        await expectOnlyAlice(context, FILTER_EXAMPLES[name]);
      })),
      ...Object.keys(FILTER_EXAMPLES).filter((name) => !listed.includes(name)).map((name) => check(
        `does not list ${name}: it answers 501`,
        async (context) => expect((await filter(context, FILTER_EXAMPLES[name])).status, FILTER_EXAMPLES[name]).to.equal(501),
      )),
    ];
  },
};
