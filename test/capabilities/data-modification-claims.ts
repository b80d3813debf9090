// ReadRestrictions, InsertRestrictions, UpdateRestrictions and DeleteRestrictions against reads and writes of the entity set.
import { expect } from 'chai';
import request from 'supertest';
import type { EdmProperty } from '../../src/model/service-model';
import { expectGraphError } from '../support/graph-assertions';
import { EVENTS } from '../support/test-gateway';
import { byKey, follow, get, idsOf } from './claim-fixture';
import { capability, check, expectRefused, memberOf, pathsOf, type Claim } from './claims';

const READ = capability('ReadRestrictions');
const INSERT = capability('InsertRestrictions');
const UPDATE = capability('UpdateRestrictions');
const DELETE = capability('DeleteRestrictions');

export const readRestrictions: Claim = {
  term: READ, target: 'EntitySet', members: ['Readable', 'TypecastSegmentSupported', 'Description'],
  checks: (value) => [
    memberOf(READ, value, 'Readable') === true
      ? check('Readable: the collection and each entity by key can be read', async (context) => {
        expect(await idsOf(context, '')).to.deep.equal(byKey(context.alice, context.bob));
        expect((await get(context, `('${context.alice}')`)).body).to.have.property('id', context.alice);
      })
      : check('not Readable: GET is refused', async (context) => expectRefused((await get(context, '')).status, 'GET')),
    check(`TypecastSegmentSupported=${memberOf(READ, value, 'TypecastSegmentSupported')}: a type-cast segment`, async (context) => {
      const response = await get(context, '/microsoft.graph.privilegedOperationEvent');
      const isCollection = response.status === 200 && Array.isArray(response.body.value);
      expect(isCollection).to.equal(memberOf(READ, value, 'TypecastSegmentSupported') === true);
    }),
    check('Description: pages end with @odata.nextLink while more match; Prefer: odata.maxpagesize lowers the page size', async (context) => {
      const first = await get(context, '?$orderby=creationDateTime desc', { Prefer: 'odata.maxpagesize=1' });
      expect(first.headers['preference-applied']).to.equal('odata.maxpagesize=1');
      expect(first.body.value.map((entity: { id: string }) => entity.id)).to.deep.equal([context.alice]);
      const last = await follow(context, first.body['@odata.nextLink']);
      expect({ ids: last.body.value.map((entity: { id: string }) => entity.id), next: last.body['@odata.nextLink'] })
        .to.deep.equal({ ids: [context.bob], next: undefined });
    }),
  ],
};

/** A value of the property's type that the service stores as sent (no other types are in the model yet). */
function sampleValue(property: EdmProperty): unknown {
  if (property.type === 'Edm.String') return `sample ${property.name}`;
  if (property.type === 'Edm.DateTimeOffset') return '2018-03-04T05:06:07Z';
  throw new Error(`no sample value for ${property.type} in data-modification-claims.ts`);
}

export const insertRestrictions: Claim = {
  term: INSERT, target: 'EntitySet', members: ['Insertable', 'NonInsertableProperties'], writes: true,
  checks: (value) => (memberOf(INSERT, value, 'Insertable') === true
    ? [check('Insertable: POST stores every property as sent, except those NonInsertableProperties lists', async (context) => {
      const { app, entitySet } = context;
      const nonInsertable = pathsOf(memberOf(INSERT, value, 'NonInsertableProperties'));
      const body = Object.fromEntries(entitySet.entityType.properties.map((property) => [property.name, sampleValue(property)]));
      const response = await request(app).post(EVENTS).send(body);
      expect(response.status, response.text).to.equal(201);
      for (const { name } of entitySet.entityType.properties) {
        if (nonInsertable.includes(name)) expect(response.body[name], name).to.not.equal(body[name]);
        else expect(response.body[name], name).to.equal(body[name]);
      }
      expect((await get(context, `('${response.body.id}')`)).body).to.deep.include({ userName: body.userName });
    })]
    : [check('not Insertable: POST answers 405', async ({ app }) => {
      expectGraphError(await request(app).post(EVENTS).send({}), 405, 'methodNotAllowed');
    })]),
};

export const updateRestrictions: Claim = {
  term: UPDATE, target: 'EntitySet', members: ['Updatable', 'Description'], writes: true,
  checks: (value) => [memberOf(UPDATE, value, 'Updatable') === true
    ? check('Updatable: PATCH changes the entity', async (context) => {
      const response = await request(context.app).patch(`${EVENTS}('${context.alice}')`).send({ roleName: 'Changed' });
      expect(response.status).to.be.oneOf([200, 204]);
      expect((await get(context, `('${context.alice}')`)).body).to.have.property('roleName', 'Changed');
    })
    : check('not Updatable: PATCH and PUT answer 405 with an Allow header without them', async (context) => {
      for (const method of ['patch', 'put'] as const) {
        const response = await request(context.app)[method](`${EVENTS}('${context.alice}')`).send({ roleName: 'Changed' });
        expectGraphError(response, 405, 'methodNotAllowed');
        expect(response.headers.allow).to.not.match(/PATCH|PUT/);
      }
      expect((await get(context, `('${context.alice}')`)).body).to.have.property('roleName', 'Global Administrator');
    })],
};

export const deleteRestrictions: Claim = {
  term: DELETE, target: 'EntitySet', members: ['Deletable', 'Description'], writes: true,
  checks: (value) => [memberOf(DELETE, value, 'Deletable') === true
    ? check('Deletable: DELETE removes the entity', async (context) => {
      expect((await request(context.app).delete(`${EVENTS}('${context.bob}')`)).status).to.equal(204);
      expect((await get(context, `('${context.bob}')`)).status).to.equal(404);
    })
    : check('not Deletable: DELETE answers 405 and the entity stays', async (context) => {
      const response = await request(context.app).delete(`${EVENTS}('${context.bob}')`);
      expectGraphError(response, 405, 'methodNotAllowed');
      expect((await get(context, `('${context.bob}')`)).status).to.equal(200);
    })],
};
