// GET …/delta (Graph's delta query; OData 4.01 Part 1, 11.3): pages of the round, the last one ending in @odata.deltaLink.
import type { Request, Response } from 'express';
import { changeRoundPlan } from '../delta/change-round-plan';
import { roundStatements } from '../delta/change-round';
import { deltaCollectionQuery, parseDeltaRequest } from '../delta/delta-request';
import { encodeDeltaLink, encodeRoundPage, type DeltaTokenBinding } from '../delta/delta-token';
import { negotiateJson } from '../http/content-negotiation';
import { sendJson } from '../http/graph-response';
import type { EntitySet } from '../model/service-model';
import type { TrackedRow } from '../persistence/entity-store';
import { compileQuery } from '../query';
import { entityShaper } from './entity-representation';
import type { ODataService } from './odata-router';
import { choosePageSize, rawQueryOf } from './read-collection';

/** `trackChanges`: a GET on the collection with `Prefer: odata.track-changes`, answered as the initial round. */
export async function readDelta(service: ODataService, entitySet: EntitySet, req: Request, res: Response, trackChanges = false) {
  const metadata = negotiateJson(req);
  const binding: DeltaTokenBinding = { entitySet, engine: service.store.engine, key: service.skipTokenKey };
  const request = parseDeltaRequest(rawQueryOf(req), binding);
  const text = request.kind === 'initial' ? request.text : request.state;
  const tagger = service.taggers.get(entitySet.name);
  const { query, compiled } = service.queries.prepare(`${entitySet.name}/delta?${JSON.stringify([text.filter, text.select])}`, () => {
    const parsed = deltaCollectionQuery(text, entitySet);
    // An ETag covers every property: with ETags, read whole rows and apply $select to the response only.
    const shape = tagger ? { ...parsed, select: undefined } : parsed;
    return { query: parsed, compiled: compileQuery(shape, entitySet, service.store.engine, { schema: service.store.schema }) };
  });
  const pageSize = choosePageSize(service, req, res);
  if (trackChanges) appendPreferenceApplied(res, 'odata.track-changes');
  const plan = await changeRoundPlan(request, () => service.store.changePosition(entitySet));
  const rows: TrackedRow[] = [];
  if (!plan.latest) {
    const window = { from: plan.from, to: plan.to, after: plan.after, limit: pageSize + 1 };
    for (const statement of roundStatements(compiled, entitySet, service.store.engine, window)) {
      if (rows.length > pageSize) break;
      rows.push(...await service.store.selectChanges(entitySet, statement));
    }
  }
  const page = rows.slice(0, pageSize);
  const [key] = entitySet.entityType.key;
  const last = page[page.length - 1];
  const link = rows.length > pageSize
    ? { '@odata.nextLink': deltaUrl(service, entitySet, '$skiptoken', encodeRoundPage({
      ...text, from: plan.from, to: plan.to, after: { position: last.position, key: String(last.entity[key]) },
    }, binding)) }
    : { '@odata.deltaLink': deltaUrl(service, entitySet, '$deltatoken', encodeDeltaLink({ ...text, from: plan.to }, binding)) };
  const select = query.select ? `(${query.select.join(',')})` : '';
  // OData JSON 4.01, 15: a delta response's context is the defining query's, followed by /$delta; the initial round is no delta.
  const context = `${service.base.serviceRoot}/$metadata#${entitySet.name}${select}${plan.from === undefined ? '' : '/$delta'}`;
  const shape = entityShaper(service.base, entitySet, metadata, query.select, tagger);
  sendJson(res, 200, {
    ...(metadata === 'none' ? {} : { '@odata.context': context }),
    value: page.map((row) => shape(row.entity)),
    ...link,
  }, metadata);
}

function deltaUrl(service: ODataService, entitySet: EntitySet, option: string, token: string): string {
  return `${service.base.serviceRoot}/${entitySet.name}/delta?${option}=${token}`;
}

function appendPreferenceApplied(res: Response, preference: string): void {
  const applied = res.getHeader('Preference-Applied');
  res.setHeader('Preference-Applied', applied === undefined ? preference : `${String(applied)}, ${preference}`);
}
