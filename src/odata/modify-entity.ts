// PATCH and DELETE on one entity (OData 4.01 Part 1, 11.4.3 and 11.4.5), allowed only where the CSDL says so.
import type { Request, Response } from 'express';
import { negotiateJson } from '../http/content-negotiation';
import { sendJson } from '../http/graph-response';
import { readPreferences } from '../http/prefer-header';
import type { EntitySet } from '../model/service-model';
import { entityNotFound, representEntity } from './entity-representation';
import { contextUrl, entityUrl, serviceRootOf } from './service-urls';
import { checkIfMatch } from './entity-tag';
import type { ODataService } from './odata-service';

export async function updateEntity(service: ODataService, entitySet: EntitySet, key: string, req: Request, res: Response) {
  const metadata = negotiateJson(req);
  const representation = readPreferences(req.get('prefer')).get('return') === 'representation';
  const values = service.validators.get(entitySet.name)!.forUpdate(req.body);
  const tagger = service.taggers.get(entitySet.name);
  const updated = await service.store.update(entitySet, key, values, (current) => checkIfMatch(req.get('if-match'), tagger, current));
  if (!updated) throw entityNotFound(entitySet, key);
  const tag = tagger?.(updated);
  if (tag) res.setHeader('ETag', tag);
  if (!representation) {
    res.status(204).end();
    return;
  }
  res.setHeader('Preference-Applied', 'return=representation');
  const root = serviceRootOf(service.publicUrl, req);
  const body = { '@odata.context': contextUrl.entity(root, entitySet), ...updated };
  sendJson(res, 200, representEntity(body, entityUrl(root, entitySet, key), entitySet.entityType, metadata, tag), metadata);
}

export async function deleteEntity(service: ODataService, entitySet: EntitySet, key: string, req: Request, res: Response) {
  const tagger = service.taggers.get(entitySet.name);
  const deleted = await service.store.delete(entitySet, key, (current) => checkIfMatch(req.get('if-match'), tagger, current));
  if (!deleted) throw entityNotFound(entitySet, key);
  res.status(204).end();
}
