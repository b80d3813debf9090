// The service log of every write: which entity of which set, by which operation, for which calling application.
import type { Response } from 'express';
import type { AccessGrant } from '../auth/access-policy';
import { requestIdsOf } from '../http/request-ids';
import { logsAt, type Logger } from '../log/logger';
import type { DataOperation, EntitySet } from '../model/service-model';

const EVENTS: Readonly<Record<Exclude<DataOperation, 'read'>, string>> = {
  create: 'entity.created', update: 'entity.updated', delete: 'entity.deleted',
};

export interface WriteTarget {
  readonly operation: DataOperation;
  readonly entitySet: EntitySet;
  /** The key of an existing entity (update, delete); a create's key comes from the response's OData-EntityId. */
  readonly key?: string;
}

/** Logs the write once the response finished with success; no token, claim or entity content is logged. */
export function logWrite(res: Response, target: WriteTarget, grant: AccessGrant, logger: Logger): void {
  if (target.operation === 'read' || !logsAt(logger, 'info')) return;
  const event = EVENTS[target.operation];
  res.once('finish', () => {
    if (res.statusCode < 200 || res.statusCode > 299) return;
    logger.info(event, {
      requestId: requestIdsOf(res).requestId, entitySet: target.entitySet.name, key: target.key ?? createdKey(res),
      operation: target.operation, callerAppId: grant.callerAppId,
    });
  });
}

/** The key in `…/set('<key>')`, the entity id a create answers with (quotes inside are doubled). */
function createdKey(res: Response): string {
  const location = String(res.getHeader('OData-EntityId') ?? res.getHeader('Location') ?? '');
  return /\('((?:[^']|'')*)'\)$/.exec(location)?.[1]?.replace(/''/g, "'") ?? location;
}
