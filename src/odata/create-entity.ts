// POST to an entity set (OData 4.01 Part 1, 11.4.2): validate, insert, answer 201 or 204 with the entity's URL.
import type { Request, Response } from 'express';
import { negotiateJson } from '../http/content-negotiation';
import { sendJson } from '../http/graph-response';
import { readPreferences } from '../http/prefer-header';
import type { EntitySet } from '../model/service-model';
import { representEntity } from './entity-representation';
import type { ODataService } from './odata-router';

export async function createEntity(service: ODataService, entitySet: EntitySet, req: Request, res: Response) {
  const metadata = negotiateJson(req);
  const returnPreference = readPreferences(req.get('prefer')).get('return');
  const values = service.validators.get(entitySet.name)!.forCreate(req.body);
  const result = await service.adapter.create(entitySet, values);
  if (result.entityId) res.setHeader('Location', result.entityId);
  const tag = service.taggers.get(entitySet.name)?.(result.body);
  if (tag) res.setHeader('ETag', tag);
  if (returnPreference === 'minimal' || returnPreference === 'representation') {
    res.setHeader('Preference-Applied', `return=${returnPreference}`);
  }
  if (returnPreference === 'minimal') {
    // OData 4.01 Part 1, 8.3.4: 204 with the new entity's id in OData-EntityId.
    if (result.entityId) res.setHeader('OData-EntityId', result.entityId);
    res.status(204).end();
    return;
  }
  sendJson(res, 201, representEntity(result.body, result.entityId, entitySet.entityType, metadata, tag), metadata);
}
