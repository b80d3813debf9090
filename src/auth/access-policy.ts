// The seam where authentication and authorization sit: each data operation asks the policy first.
import type { Request } from 'express';
import type { DataOperation, EntitySet } from '../model/service-model';

export type { DataOperation } from '../model/service-model';

/** What the policy learnt about an authorized caller, for the write log. */
export interface AccessGrant {
  /** The calling application (`azp`/`appid`), lower case; undefined when no token was asked for. */
  readonly callerAppId?: string;
}

export interface AccessPolicy {
  /** Resolves when the caller may perform the operation on the set; rejects with a 401/403 Graph error otherwise. */
  authorize(req: Request, operation: DataOperation, entitySet: EntitySet): Promise<AccessGrant>;
}

/** Every caller may do what the CSDL allows: only for tests that send no token (the service uses createAccessPolicy). */
export const openAccess: AccessPolicy = { authorize: async () => ({}) };
