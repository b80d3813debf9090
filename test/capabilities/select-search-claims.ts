// SearchRestrictions, SelectSupport, ExpandRestrictions, ComputeSupported and ChangeTracking against requests that use them.
import { expect } from 'chai';
import request from 'supertest';
import { EVENTS } from '../support/test-gateway';
import { byKey, follow, get, idsOf } from './claim-fixture';
import { capability, check, expectRefused, memberOf, pathsOf, tagOf, type Claim, type ClaimContext } from './claims';

const SEARCH = capability('SearchRestrictions');
const SELECT = capability('SelectSupport');
const EXPAND = capability('ExpandRestrictions');
const CHANGES = capability('ChangeTracking');

/** Capabilities.SearchExpressions members with a $search (OData 4.01 Part 2, 5.1.7) and whether it finds Bob's event too. */
const SEARCH_EXAMPLES: Readonly<Record<string, { readonly search: string; readonly bob: boolean }>> = {
  AND: { search: 'alice AND admin', bob: false },
  OR: { search: 'alice OR bob', bob: true },
  NOT: { search: 'NOT bob', bob: false },
  phrase: { search: '"alice admin"', bob: false },
  group: { search: '(alice)', bob: false },
};

const search = (context: ClaimContext, expression: string) => get(context, `?$search=${encodeURIComponent(expression)}`);

export const searchRestrictions: Claim = {
  term: SEARCH, target: 'EntitySet', members: ['Searchable', 'UnsupportedExpressions'],
  checks: (value) => {
    if (memberOf(SEARCH, value, 'Searchable') !== true) {
      return [check('not Searchable: $search is refused', async (context) => expectRefused((await search(context, 'alice')).status, '$search'))];
    }
    const unsupported = String(memberOf(SEARCH, value, 'UnsupportedExpressions')).split(',');
    return [
      check('Searchable: a single term finds the entities holding it, ASCII case-insensitively', async (context) => {
        expect(await idsOf(context, '$search=ALICE')).to.deep.equal([context.alice]);
      }),
      ...Object.entries(SEARCH_EXAMPLES).map(([member, example]) => (unsupported.includes(member)
        ? check(`UnsupportedExpressions lists ${member}: ${example.search} answers 501`, async (context) => {
          expect((await search(context, example.search)).status).to.equal(501);
        })
        : check(`UnsupportedExpressions leaves out ${member}: ${example.search} searches`, async (context) => {
          const expected = example.bob ? byKey(context.alice, context.bob) : [context.alice];
          expect(await idsOf(context, `$search=${encodeURIComponent(example.search)}`)).to.deep.equal(expected);
        }))),
    ];
  },
};

/** Nested options inside $select (Capabilities.SelectSupportType) with an example of each. */
const NESTED_SELECT_OPTIONS: Readonly<Record<string, string>> = {
  Expandable: '$expand=*', Filterable: '$filter=true', Searchable: '$search=alice', TopSupported: '$top=1',
  SkipSupported: '$skip=1', ComputeSupported: '$compute=1 as one', Countable: '$count=true', Sortable: '$orderby=$this',
};

export const selectSupport: Claim = {
  term: SELECT, target: 'EntitySet', members: ['Supported', 'InstanceAnnotationsSupported', ...Object.keys(NESTED_SELECT_OPTIONS)],
  checks: (value) => [
    memberOf(SELECT, value, 'Supported') === true
      ? check('Supported: $select answers the named properties only, * all of them', async (context) => {
        const named = await get(context, "?$select=userName,requestType&$filter=requestType eq 'Assign'");
        expect(Object.keys(named.body.value[0]).sort()).to.deep.equal(['requestType', 'userName']);
        const all = await get(context, "?$select=*&$filter=requestType eq 'Assign'");
        expect(Object.keys(all.body.value[0])).to.have.members(context.entitySet.entityType.properties.map((property) => property.name));
      })
      : check('not Supported: $select is refused', async (context) => expectRefused((await get(context, '?$select=id')).status, '$select')),
    check(`InstanceAnnotationsSupported=${memberOf(SELECT, value, 'InstanceAnnotationsSupported')}: $select=@Core.Description`, async (context) => {
      const { status } = await get(context, '?$select=@Core.Description');
      if (memberOf(SELECT, value, 'InstanceAnnotationsSupported') === true) expect(status).to.equal(200);
      else expectRefused(status, 'an instance annotation in $select');
    }),
    ...Object.entries(NESTED_SELECT_OPTIONS).map(([member, option]) => check(
      `${member}=${memberOf(SELECT, value, member)}: $select=userName(${option})`,
      async (context) => {
        const { status } = await get(context, `?$select=userName(${encodeURIComponent(option)})`);
        if (memberOf(SELECT, value, member) === true) expect(status).to.equal(200);
        else expectRefused(status, `${option} nested in $select`);
      },
    )),
  ],
};

export const expandRestrictions: Claim = {
  term: EXPAND, target: 'EntitySet', members: ['Expandable'],
  checks: (value) => [memberOf(EXPAND, value, 'Expandable') === true
    ? check('Expandable: $expand=* answers 200', async (context) => expect((await get(context, '?$expand=*')).status).to.equal(200))
    : check('not Expandable: $expand is refused on the collection and on an entity', async (context) => {
      expectRefused((await get(context, '?$expand=*')).status, '$expand on the collection');
      expectRefused((await get(context, `('${context.alice}')?$expand=*`)).status, '$expand on an entity');
    })],
};

export const computeSupported: Claim = {
  term: capability('ComputeSupported'), target: 'EntitySet',
  checks: (value) => [tagOf(capability('ComputeSupported'), value)
    ? check('ComputeSupported: $compute adds a computed property', async (context) => {
      expect((await get(context, '?$compute=length(userName) as nameLength&$select=nameLength')).status).to.equal(200);
    })
    : check('not ComputeSupported: $compute is refused', async (context) => {
      expectRefused((await get(context, '?$compute=length(userName) as nameLength')).status, '$compute');
    })],
};

/** A value of each property an example $filter may name: Alice's event matches it, Bob's does not (see claim-fixture.ts). */
const FILTER_EXAMPLES: Readonly<Record<string, string>> = {
  requestType: "requestType eq 'Assign'", userName: "userName eq 'Alice Admin'", roleName: "roleName eq 'Global Administrator'",
};

export const changeTracking: Claim = {
  term: CHANGES, target: 'EntitySet', members: ['Supported', 'FilterableProperties', 'ExpandableProperties'],
  checks: (value) => {
    const supported = memberOf(CHANGES, value, 'Supported') === true;
    const trackChanges = check(`Supported=${supported}: Prefer: odata.track-changes`, async (context) => {
      const response = await get(context, '', { Prefer: 'odata.track-changes' });
      expect(response.status).to.equal(200);
      const applied = /track-changes/.test(String(response.headers['preference-applied'] ?? ''));
      expect({ applied, deltaLink: '@odata.deltaLink' in response.body }).to.deep.equal({ applied: supported, deltaLink: supported });
    });
    if (!supported) {
      return [trackChanges, check('not Supported: /delta is no function (read as a key: 404)', async (context) => {
        expect((await get(context, '/delta')).status).to.equal(404);
      })];
    }
    const filterable = pathsOf(memberOf(CHANGES, value, 'FilterableProperties'));
    const expandable = pathsOf(memberOf(CHANGES, value, 'ExpandableProperties'));
    return [
      trackChanges,
      check('Supported: GET /delta returns every entity, then its deltaLink returns nothing new', async (context) => {
        const first = await get(context, '/delta');
        expect(first.status, first.text).to.equal(200);
        expect((first.body.value as { id: string }[]).map((entity) => entity.id).sort()).to.deep.equal(byKey(context.alice, context.bob));
        const round = await follow(context, first.body['@odata.deltaLink']);
        expect([round.status, round.body.value]).to.deep.equal([200, []]);
      }),
      ...Object.entries(FILTER_EXAMPLES).map(([property, filter]) => (filterable.includes(property)
        ? check(`FilterableProperties lists ${property}: a delta $filter on it returns the matching entities`, async (context) => {
          const response = await get(context, `/delta?$filter=${encodeURIComponent(filter)}`);
          expect([response.status, response.body.value?.map((entity: { id: string }) => entity.id)]).to.deep.equal([200, [context.alice]]);
        })
        : check(`FilterableProperties leaves out ${property}: a delta $filter on it is a 400 naming it`, async (context) => {
          const response = await get(context, `/delta?$filter=${encodeURIComponent(filter)}`);
          expect([response.status, response.body.error?.target]).to.deep.equal([400, property]);
        }))),
      check('Supported: a delete is reported (@removed, once) on a deletable set, and impossible on one that is not', async (context) => {
        const latest = await get(context, '/delta?$deltatoken=latest');
        if (!context.entitySet.capabilities.deletable) {
          expect((await request(context.app).delete(`${EVENTS}('${context.alice}')`)).status).to.equal(405);
          expect((await follow(context, latest.body['@odata.deltaLink'])).body.value).to.deep.equal([]);
          return;
        }
        const id = (await request(context.app).post(EVENTS).send({ userName: 'deleted soon' }).expect(201)).body.id;
        await request(context.app).delete(`${EVENTS}('${id}')`).expect(204);
        const round = await follow(context, latest.body['@odata.deltaLink']);
        expect(round.body.value).to.deep.equal([{ id, '@removed': { reason: 'deleted' } }]);
        expect((await follow(context, round.body['@odata.deltaLink'])).body.value).to.deep.equal([]);
      }),
      check(`ExpandableProperties ${JSON.stringify(expandable)}: $expand on delta is refused`, async (context) => {
        expect(expandable).to.deep.equal([]);
        expectRefused((await get(context, '/delta?$expand=*')).status, '$expand on delta');
      }),
    ];
  },
};
