// GET …/delta (Graph's delta query; OData 4.01 Part 1, 11.3): pages of the round, the last one ending in @odata.deltaLink.
import type { Request, Response } from 'express';
import { changeRoundPlan } from '../delta/change-round-plan';
import { roundStatements, type RoundWindow } from '../delta/change-round';
import { deltaCollectionQuery, parseDeltaRequest } from '../delta/delta-request';
import { encodeDeltaLink, encodeRoundPage, type DeltaQueryText, type DeltaTokenBinding } from '../delta/delta-token';
import { committedAmong, roundAnswerable } from '../delta/delta-retention';
import { ResyncRequiredError } from '../errors/graph-error';
import type { MetadataLevel } from '../http/graph-response';
import { negotiateJson } from '../http/content-negotiation';
import { sendJson } from '../http/graph-response';
import type { EntitySet } from '../model/service-model';
import type { TrackedRow } from '../persistence/entity-store';
import { compileQuery, type CompiledQuery } from '../query';
import { entityShaper } from './entity-representation';
import type { ODataService } from './odata-service';
import { choosePageSize, rawQueryOf } from './read-collection';
import { contextUrl, deltaFunctionUrl, entityUrl, serviceRootOf } from './service-urls';

/** `trackChanges`: a GET on the collection with `Prefer: odata.track-changes`, answered as the initial round. */
export async function readDelta(service: ODataService, entitySet: EntitySet, req: Request, res: Response, trackChanges = false) {
  const metadata = negotiateJson(req);
  const binding: DeltaTokenBinding = { entitySet, engine: service.store.engine, key: service.skipTokenKey };
  const request = parseDeltaRequest(rawQueryOf(req), binding);
  const text = request.kind === 'initial' ? request.text : request.state;
  const tagger = service.taggers.get(entitySet.name);
  const { query, compiled } = prepareDeltaQuery(service, entitySet, text, tagger !== undefined);
  const pageSize = choosePageSize(service, req, res);
  const root = serviceRootOf(service.publicUrl, req);
  if (trackChanges) appendPreferenceApplied(res, 'odata.track-changes');
  const plan = await changeRoundPlan(request, () => service.store.changePosition(entitySet));
  const rows = plan.latest ? [] : await readRoundRows(service, entitySet, compiled, { ...plan, limit: pageSize + 1 });
  // After the rows: a purge that committed before this check removed nothing the round needed.
  if (plan.from !== undefined && entitySet.capabilities.deletable) await checkRetention(service, entitySet, plan.from, root, text);
  const page = rows.slice(0, pageSize);
  const link = rows.length > pageSize
    ? { '@odata.nextLink': deltaFunctionUrl(root, entitySet, '$skiptoken', encodeRoundPage({ ...text, ...plan, after: afterRow(entitySet, page) }, binding)) }
    : { '@odata.deltaLink': deltaFunctionUrl(root, entitySet, '$deltatoken', encodeDeltaLink({ ...text, from: plan.to }, binding)) };
  // OData JSON 4.01, 15: a delta response's context is the defining query's, followed by /$delta; the initial round is no delta.
  const context = (plan.from === undefined ? contextUrl.collection : contextUrl.delta)(root, entitySet, query.select);
  const shape = entityShaper(root, entitySet, metadata, query.select, tagger);
  const removed = removedShaper(root, entitySet, metadata);
  sendJson(res, 200, {
    ...(metadata === 'none' ? {} : { '@odata.context': context }),
    value: page.map((row) => (row.removed ? removed(row.entity) : shape(row.entity))),
    ...link,
  }, metadata);
}

/** A deleted entity as Graph sends it (`"@removed": {"reason": "deleted"}`: it cannot be restored) with its key; full metadata adds its id. */
function removedShaper(root: string, entitySet: EntitySet, metadata: MetadataLevel) {
  const [key] = entitySet.entityType.key;
  return (entity: Record<string, unknown>): Record<string, unknown> => ({
    ...(metadata === 'full' ? { '@odata.id': entityUrl(root, entitySet, entity[key]) } : {}),
    [key]: entity[key],
    '@removed': { reason: 'deleted' },
  });
}

/** 410 when tombstones the round needs may have been purged (DELTA_RETENTION_MS): the client starts again from Location. */
async function checkRetention(service: ODataService, entitySet: EntitySet, from: string, root: string, text: DeltaQueryText): Promise<void> {
  const verdict = roundAnswerable(service.store.engine, from, await service.store.removedHorizon(entitySet));
  if (verdict === true || (Array.isArray(verdict) && await service.store.countWhere(committedAmong(verdict)) === 0)) return;
  const query = [
    ...(text.filter === undefined ? [] : [`$filter=${encodeURIComponent(text.filter)}`]),
    ...(text.select === undefined ? [] : [`$select=${encodeURIComponent(text.select)}`]),
  ];
  throw new ResyncRequiredError('The delta token is older than the deletes this service keeps: synchronize again from the initial delta request in Location.', {
    headers: { Location: `${root}/${entitySet.name}/delta${query.length === 0 ? '' : `?${query.join('&')}`}` },
  });
}

/** Parsed and compiled once per distinct first query (the tokens carry its text), like collection queries. */
function prepareDeltaQuery(service: ODataService, entitySet: EntitySet, text: DeltaQueryText, tagged: boolean) {
  return service.queries.prepare(`${entitySet.name}/delta?${JSON.stringify([text.filter, text.select])}`, () => {
    const parsed = deltaCollectionQuery(text, entitySet);
    // An ETag covers every property: with ETags, read whole rows and apply $select to the response only.
    const shape = tagged ? { ...parsed, select: undefined } : parsed;
    return { query: parsed, compiled: compileQuery(shape, entitySet, service.store.engine, { schema: service.store.schema }) };
  });
}

/** Runs the page's statements in order until the window is full (PostgreSQL: in-progress xids, then the range). */
async function readRoundRows(service: ODataService, entitySet: EntitySet, compiled: CompiledQuery, window: RoundWindow): Promise<TrackedRow[]> {
  const rows: TrackedRow[] = [];
  for (const statement of roundStatements(compiled, entitySet, service.store.engine, window)) {
    if (rows.length >= window.limit) break;
    rows.push(...await service.store.selectChanges(entitySet, statement));
  }
  return rows;
}

function afterRow(entitySet: EntitySet, page: readonly TrackedRow[]): { position: string; key: string } {
  const last = page[page.length - 1];
  return { position: last.position, key: String(last.entity[entitySet.entityType.key[0]]) };
}

function appendPreferenceApplied(res: Response, preference: string): void {
  const applied = res.getHeader('Preference-Applied');
  res.setHeader('Preference-Applied', applied === undefined ? preference : `${String(applied)}, ${preference}`);
}
