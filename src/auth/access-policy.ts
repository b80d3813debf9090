// The seam where authentication and authorization sit: each data operation asks the policy first.
import type { Request } from 'express';

export type DataOperation = 'read' | 'create' | 'update' | 'delete';

export interface AccessPolicy {
  /** Resolves when the caller may perform the operation; rejects with a 401/403 Graph error otherwise. */
  authorize(req: Request, operation: DataOperation): Promise<void>;
}

/** Every caller may do what the CSDL allows: only for tests that send no token (the service uses createAccessPolicy). */
export const openAccess: AccessPolicy = { authorize: async () => undefined };
