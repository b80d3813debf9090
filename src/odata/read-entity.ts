// GET one entity by key (OData 4.01 Part 1, 11.2.2) with `$select`, ETag and If-None-Match (304).
import type { Request, Response } from 'express';
import { negotiateJson } from '../http/content-negotiation';
import { sendJson } from '../http/graph-response';
import type { EntitySet } from '../model/service-model';
import { entityNotFound, representEntity } from './entity-representation';
import { contextUrl, entityUrl, serviceRootOf } from './service-urls';
import { readEntitySelect } from './read-entity-select';
import { isNotModified } from './entity-tag';
import type { ODataService } from './odata-service';
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
  const root = serviceRootOf(service.publicUrl, req);
  const body = {
    '@odata.context': contextUrl.entity(root, entitySet, select),
    ...(select ? Object.fromEntries(select.map((name) => [name, entity[name]])) : entity),
  };
  sendJson(res, 200, representEntity(body, entityUrl(root, entitySet, key), entitySet.entityType, metadata, tag), metadata);
}
