// GET one entity by key (OData 4.01 Part 1, 11.2.2), `$select` applied by odata-v4-server.
import type { Request, Response } from 'express';
import { sendJson } from '../http/graph-response';
import { negotiateJson } from '../http/content-negotiation';
import type { EntitySet } from '../model/service-model';
import { representEntity } from './entity-representation';
import type { ODataService } from './odata-router';
import { readEntityOptions } from './entity-query-options';

export async function readEntity(service: ODataService, entitySet: EntitySet, key: string, req: Request, res: Response) {
  const metadata = negotiateJson(req);
  const options = readEntityOptions(req, entitySet);
  const result = await service.adapter.readByKey(entitySet, key, options.select);
  sendJson(res, 200, representEntity(result.body, result.entityId, entitySet.entityType, metadata), metadata);
}
