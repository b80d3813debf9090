// ConformanceLevel: the requirements of OData 4.0 Part 1, 13.1 up to the claimed level, each checked on the running service.
import { expect } from 'chai';
import request, { type Response } from 'supertest';
import { byKey, follow, get, idsOf } from './claim-fixture';
import { capability, check, expectRefused, type Claim, type ClaimCheck, type ClaimContext } from './claims';

const LEVELS = ['Minimal', 'Intermediate', 'Advanced'];

/** Follows @odata.nextLink from the first page; the ids of every page, in order. */
async function readPages(context: ClaimContext, prefer: string): Promise<string[][]> {
  const pages: string[][] = [];
  let next: string | undefined = '';
  while (next !== undefined && pages.length < 10) {
    const headers = { Prefer: prefer };
    const response: Response = await (next === '' ? get(context, '?$orderby=creationDateTime desc', headers) : follow(context, next, headers));
    expect(response.status).to.equal(200);
    pages.push((response.body.value as { id: string }[]).map((entity) => entity.id));
    next = response.body['@odata.nextLink'];
  }
  return pages;
}

/** Whether `qualifiedName` inherits, directly or not, from the entity set's type. */
function derivesFrom(context: ClaimContext, qualifiedName: string): boolean {
  const types = new Map(context.model.entityTypes.map((type) => [type.qualifiedName, type]));
  for (let base = types.get(qualifiedName)?.baseType; base !== undefined; base = types.get(base)?.baseType) {
    if (base === context.entitySet.entityType.qualifiedName) return true;
  }
  return false;
}

type Requirement = readonly [level: string, item: string, title: string, run: (context: ClaimContext) => Promise<unknown>];

const REQUIREMENTS: readonly Requirement[] = [
  ['Minimal', '1', 'a service document at the service root', async ({ app, entitySet }) => {
    const response = await request(app).get('/beta/');
    expect(response.body.value).to.deep.include({ name: entitySet.name, kind: 'EntitySet', url: entitySet.name });
  }],
  ['Minimal', '2', 'data in the OData JSON format', async (context) => {
    expect((await get(context, '')).headers['content-type']).to.match(/^application\/json;odata\.metadata=minimal/);
  }],
  ['Minimal', '3', 'server-driven paging, the preference with and without its odata. prefix (4.01: item 14)', async (context) => {
    for (const prefer of ['odata.maxpagesize=1', 'maxpagesize=1']) {
      expect(await readPages(context, prefer), prefer).to.deep.equal([[context.alice], [context.bob]]);
    }
  }],
  ['Minimal', '4', 'the OData-Version header', async (context) => {
    expect((await get(context, '')).headers['odata-version']).to.equal('4.0');
  }],
  ['Minimal', '5', 'Accept and OData-MaxVersion honoured or the request failed', async (context) => {
    expect((await get(context, '', { Accept: 'application/atom+xml' })).status).to.equal(406);
    expectRefused((await get(context, '', { 'OData-MaxVersion': '3.0' })).status, 'OData-MaxVersion: 3.0');
  }],
  ['Minimal', '7', '501 Not Implemented for unsupported functionality', async (context) => {
    expect((await get(context, '?$apply=groupby((requestType))')).status).to.equal(501);
  }],
  ['Minimal', '13', 'metadata at $metadata in CSDL XML', async (context) => {
    const response = await get(context, '/beta/$metadata');
    expect({ status: response.status, type: response.headers['content-type'] })
      .to.deep.equal({ status: 200, type: 'application/xml;charset=utf-8' });
  }],
  ['Intermediate', '3 and 5', '$select and $top', async (context) => {
    const response = await get(context, '?$select=id&$top=1&$orderby=creationDateTime desc');
    expect(response.body.value).to.deep.equal([{ id: context.alice }]);
  }],
  // OData-URL 4.11: a type-cast segment names a type derived from the collection's type; it applies only where one exists.
  ['Intermediate', '4', 'casting to each type derived from the entity set\'s type', async (context) => {
    const derived = context.model.entityTypes.filter((type) => derivesFrom(context, type.qualifiedName));
    for (const type of derived) expect((await get(context, `/${type.qualifiedName}`)).status, type.qualifiedName).to.equal(200);
  }],
  ['Intermediate', '6', '/$value on an individual property', async (context) => {
    const response = await get(context, `('${context.alice}')/userName/$value`);
    expect({ status: response.status, text: response.text }).to.deep.equal({ status: 200, text: 'Alice Admin' });
  }],
  ['Intermediate', '7', '$filter with eq, ne and parameter aliases', async (context) => {
    expect(await idsOf(context, "$filter=requestType eq @t and userName ne 'x'&@t='Assign'")).to.deep.equal([context.alice]);
  }],
  ['Advanced', '6 to 8', '$skip, $count and $orderby asc and desc', async (context) => {
    const response = await get(context, '?$skip=1&$count=true&$orderby=userName desc');
    expect({ count: response.body['@odata.count'], ids: response.body.value.map((entity: { id: string }) => entity.id) })
      .to.deep.equal({ count: 2, ids: [context.alice] });
  }],
  ['Advanced', '9', '$expand', async (context) => expect((await get(context, '?$expand=*')).status).to.equal(200)],
  ['Advanced', '10', '$search', async (context) => {
    expect(await idsOf(context, '$search=alice OR bob')).to.deep.equal(byKey(context.alice, context.bob));
  }],
  ['Advanced', '11', 'batch requests in the multipart format', async ({ app }) => {
    const body = '--b\r\nContent-Type: application/http\r\n\r\nGET privilegedOperationEvents HTTP/1.1\r\n\r\n--b--\r\n';
    expect((await request(app).post('/beta/$batch').set('Content-Type', 'multipart/mixed;boundary=b').send(body)).status).to.equal(200);
  }],
];

export const conformanceLevel: Claim = {
  term: capability('ConformanceLevel'), target: 'EntityContainer',
  checks: (value): ClaimCheck[] => {
    const claimed = LEVELS.indexOf(String(value));
    if (value !== undefined && claimed < 0) throw new Error(`unknown ConformanceLevel ${String(value)}`);
    return REQUIREMENTS.filter(([level]) => LEVELS.indexOf(level) <= claimed)
      .map(([level, item, title, run]) => check(`${level} (13.1, item ${item}): ${title}`, run));
  },
};
