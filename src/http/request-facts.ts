// What the access log and the metrics learn about a request as the pipeline runs: the operation, the route template
// (never the raw path or query string, which may hold personal data), the entity set and the calling application.
import type { Response } from 'express';

export interface RequestFacts {
  /** `serviceDocument`, `metadata`, `collection`, `entity`, `create`, … ; `unmatched` for paths the service has not. */
  operation: string;
  /** The resource's template below the service root, e.g. `/privilegedOperationEvents({key})`. */
  route: string;
  entitySet?: string;
  callerAppId?: string;
}

export function factsOf(res: Response): RequestFacts {
  return (res.locals.requestFacts ??= { operation: 'unmatched', route: '(unmatched)' }) as RequestFacts;
}

/** The kind of resource and the method → operation and route template (the OData handler calls this once resolved). */
export function noteResource(res: Response, kind: string, method: string, entitySet?: string, property?: string): void {
  const facts = factsOf(res);
  const set = entitySet === undefined ? '' : `/${entitySet}`;
  const routes: Readonly<Record<string, string>> = {
    serviceDocument: '/', metadata: '/$metadata', openapi: '/$openapi', batch: '/$batch', vocabulary: '/vocabularies/{name}',
    collection: set, count: `${set}/$count`,
    delta: `${set}/delta`, entity: `${set}({key})`, property: `${set}({key})/${property ?? '{property}'}`,
  };
  facts.route = routes[kind] ?? '(unmatched)';
  facts.entitySet = entitySet;
  facts.operation = method === 'POST' && kind === 'collection' ? 'create' : method === 'PATCH' || method === 'PUT' ? 'update'
    : method === 'DELETE' ? 'delete' : kind;
}

export function noteCaller(res: Response, callerAppId: string | undefined): void {
  factsOf(res).callerAppId = callerAppId;
}
