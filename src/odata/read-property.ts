// GET one property of an entity (OData 4.01 Part 1, 11.2.4.1) or its raw value with /$value (11.2.4.1.1).
import type { Request, Response } from 'express';
import { negotiateJson } from '../http/content-negotiation';
import { sendJson } from '../http/graph-response';
import type { EntitySet } from '../model/service-model';
import { entityNotFound } from './entity-representation';
import { contextUrl, serviceRootOf } from './service-urls';
import type { ODataService } from './odata-service';

export async function readProperty(
  service: ODataService, entitySet: EntitySet, key: string, property: string, raw: boolean, req: Request, res: Response,
) {
  const metadata = raw ? 'minimal' : negotiateJson(req);
  const entity = await service.store.findByKey(entitySet, key);
  if (!entity) throw entityNotFound(entitySet, key);
  const value = entity[property];
  if (value === null || value === undefined) {
    // 11.2.4.1: a property whose value is null answers 204 No Content.
    res.status(204).end();
    return;
  }
  if (raw) {
    res.status(200).setHeader('Content-Type', 'text/plain;charset=utf-8');
    res.end(String(value));
    return;
  }
  sendJson(res, 200, {
    ...(metadata === 'none' ? {} : { '@odata.context': contextUrl.property(serviceRootOf(service.publicUrl, req), entitySet, key, property) }),
    value,
  }, metadata);
}
