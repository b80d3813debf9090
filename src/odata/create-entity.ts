// POST to an entity set (OData 4.01 Part 1, 11.4.2): validate, insert, answer 201 or 204 with the entity's URL.
import type { Request, Response } from 'express';
import { negotiateJson } from '../http/content-negotiation';
import { sendJson } from '../http/graph-response';
import { readPreferences } from '../http/prefer-header';
import type { EntitySet } from '../model/service-model';
import { representEntity } from './entity-representation';
import { contextUrl, entityUrl, serviceRootOf } from './service-urls';
import type { ODataService } from './odata-service';

export async function createEntity(service: ODataService, entitySet: EntitySet, req: Request, res: Response) {
  const metadata = negotiateJson(req);
  const returnPreference = readPreferences(req.get('prefer')).get('return');
  const values = service.validators.get(entitySet.name)!.forCreate(req.body);
  const root = serviceRootOf(service.publicUrl, req);
  const result = await service.adapter.create(entitySet, values, root);
  const { '@odata.context': _context, ...entity } = result.body;
  const [key] = entitySet.entityType.key;
  const entityId = entityUrl(root, entitySet, entity[key]);
  res.setHeader('Location', entityId);
  const tag = service.taggers.get(entitySet.name)?.(entity);
  if (tag) res.setHeader('ETag', tag);
  if (returnPreference === 'minimal' || returnPreference === 'representation') {
    res.setHeader('Preference-Applied', `return=${returnPreference}`);
  }
  if (returnPreference === 'minimal') {
    // OData 4.01 Part 1, 8.3.4: 204 with the new entity's id in OData-EntityId.
    res.setHeader('OData-EntityId', entityId);
    res.status(204).end();
    return;
  }
  const body = { '@odata.context': contextUrl.entity(root, entitySet), ...entity };
  sendJson(res, 201, representEntity(body, entityId, entitySet.entityType, metadata, tag), metadata);
}
