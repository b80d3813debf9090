// GET one entity by key (OData 4.01 Part 1, 11.2.2) with `$select`, ETag and If-None-Match (304).
import type { Request, Response } from 'express';
import { negotiateJson } from '../http/content-negotiation';
import { sendJson } from '../http/graph-response';
import type { EntitySet } from '../model/service-model';
import { entityNotFound, entityUrl, representEntity } from './entity-representation';
import { readEntitySelect } from './read-entity-select';
import { isNotModified } from './entity-tag';
import type { ODataService } from './odata-router';
import { rawQueryOf } from './read-collection';

export async function readEntity(service: ODataService, entitySet: EntitySet, key: string, req: Request, res: Response) {
  const metadata = negotiateJson(req);
  const select = readEntitySelect(rawQueryOf(req), entitySet);
  const entity = await service.store.findByKey(entitySet, key);
  if (!entity) throw entityNotFound(entitySet, key);
  const tag = service.taggers.get(entitySet.name)?.(entity);
  if (tag) res.setHeader('ETag', tag);
  if (isNotModified(req.get('if-none-match'), tag)) {
    res.status(304).end();
    return;
  }
  const selectContext = select ? `(${select.join(',')})` : '';
  const body = {
    '@odata.context': `${service.base.serviceRoot}/$metadata#${entitySet.name}${selectContext}/$entity`,
    ...(select ? Object.fromEntries(select.map((name) => [name, entity[name]])) : entity),
  };
  sendJson(res, 200, representEntity(body, entityUrl(service.base, entitySet, key), entitySet.entityType, metadata, tag), metadata);
}
