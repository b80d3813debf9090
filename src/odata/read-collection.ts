// GET on an entity set (OData 4.01 Part 1, 11.2): our query compiler, keyset server-driven paging, $count.
import type { Request, Response } from 'express';
import { negotiateJson } from '../http/content-negotiation';
import { sendJson } from '../http/graph-response';
import { readPreferences } from '../http/prefer-header';
import type { EntitySet } from '../model/service-model';
import { compileQuery, decodeSkipToken, encodeSkipToken, nextPageState, parseCollectionQuery, planPage, type SqlStatement } from '../query';
import { entityShaper } from './entity-representation';
import { collectionUrl, contextUrl, serviceRootOf } from './service-urls';
import type { ODataService } from './odata-service';

export async function readCollection(service: ODataService, entitySet: EntitySet, req: Request, res: Response) {
  const metadata = negotiateJson(req);
  const rawQuery = rawQueryOf(req);
  const tagger = service.taggers.get(entitySet.name);
  const { query, compiled } = service.queries.prepare(`${entitySet.name}?${rawQuery}`, () => {
    const parsed = parseCollectionQuery(rawQuery, entitySet);
    // An ETag covers every property: with ETags, read whole rows and apply $select to the response only.
    const shape = tagger ? { ...parsed, select: undefined } : parsed;
    return { query: parsed, compiled: compileQuery(shape, entitySet, service.store.engine, { schema: service.store.schema }) };
  });
  const binding = { query, entitySet, key: service.skipTokenKey };
  const state = query.skipToken === undefined ? undefined : decodeSkipToken(query.skipToken, binding);
  const pageSize = choosePageSize(service, req, res);
  const plan = planPage(query, pageSize, state);
  const [rows, count] = await Promise.all([
    plan.pageSize > 0 ? selectWindow(service, entitySet, compiled.selectStatements(plan.window), plan.window.limit) : Promise.resolve([]),
    query.count ? service.store.countWhere(compiled.countStatement()) : Promise.resolve(undefined),
  ]);
  const page = rows.slice(0, plan.pageSize);
  const next = nextPageState(plan, rows.length, () => compiled.positionOf(page[page.length - 1]));
  const root = serviceRootOf(service.publicUrl, req);
  // OData JSON 4.01, 4.5: control information in the order context, count, value, nextLink.
  sendJson(res, 200, {
    ...(metadata === 'none' ? {} : { '@odata.context': contextUrl.collection(root, entitySet, query.select) }),
    ...(count === undefined ? {} : { '@odata.count': count }),
    value: page.map(entityShaper(root, entitySet, metadata, query.select, tagger)),
    ...(next ? { '@odata.nextLink': nextLink(root, entitySet, rawQuery, encodeSkipToken(next, binding)) } : {}),
  }, metadata);
}

/** Runs the page's statements in order until the window is full (keyset parts: the range, then a null tail). */
async function selectWindow(service: ODataService, entitySet: EntitySet, statements: readonly SqlStatement[], limit?: number) {
  const rows: Record<string, unknown>[] = [];
  for (const statement of statements) {
    if (limit !== undefined && rows.length >= limit) break;
    rows.push(...await service.store.select(entitySet, statement));
  }
  return limit === undefined ? rows : rows.slice(0, limit);
}

/** GET …/$count (OData 4.01 Part 1, 11.2.10): the number of matching entities as text/plain. */
export async function countCollection(service: ODataService, entitySet: EntitySet, req: Request, res: Response) {
  const query = parseCollectionQuery(rawQueryOf(req), entitySet, { countSegment: true });
  const compiled = compileQuery(query, entitySet, service.store.engine, { schema: service.store.schema });
  const count = await service.store.countWhere(compiled.countStatement());
  res.status(200).setHeader('Content-Type', 'text/plain;charset=utf-8');
  res.end(String(count));
}

export function rawQueryOf(req: Request): string {
  const index = req.url.indexOf('?');
  return index < 0 ? '' : req.url.slice(index + 1);
}

/** The configured default, lowered by `Prefer: odata.maxpagesize` (or `maxpagesize`) within the configured maximum. */
export function choosePageSize(service: ODataService, req: Request, res: Response): number {
  const preferences = readPreferences(req.get('prefer'));
  const name = preferences.has('odata.maxpagesize') ? 'odata.maxpagesize' : 'maxpagesize';
  const preferred = Number(preferences.get(name));
  const { defaultPageSize, maxPageSize } = service.paging;
  if (!preferences.has(name) || !Number.isInteger(preferred) || preferred < 1) return defaultPageSize;
  const size = Math.min(preferred, maxPageSize);
  if (size === preferred) res.setHeader('Preference-Applied', `${name}=${size}`);
  return size;
}

/** The original options, any earlier $skiptoken replaced (OData 4.01 Part 1, 11.2.6.7: the link is opaque). */
function nextLink(root: string, entitySet: EntitySet, rawQuery: string, skipToken: string): string {
  const kept = rawQuery.split('&').filter((part) => part !== '' && !/^(\$|%24)?skiptoken=/i.test(part));
  return collectionUrl(root, entitySet, [...kept, `$skiptoken=${skipToken}`]);
}
