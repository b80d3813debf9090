// Every URL the service writes into a response (context URLs, Location, OData-EntityId, @odata.id, @odata.nextLink):
// the configured public URL plus the path the router is mounted at (req.baseUrl), never the request's Host header.
import type { Request } from 'express';
import type { EntitySet } from '../model/service-model';

/** The service root of this request, e.g. `https://api.contoso.com/graph/beta`. */
export function serviceRootOf(publicUrl: string, req: Request): string {
  return `${publicUrl}${req.baseUrl}`;
}

/** A string key as a URL key predicate value: quotes doubled, then percent-encoded (OData 4.01 Part 2, 4.3.1). */
export function keyLiteral(key: unknown): string {
  return `'${encodeURIComponent(String(key).replace(/'/g, "''"))}'`;
}

/** OData JSON 4.01, 10: the context URL of each kind of response. */
export const contextUrl = {
  serviceDocument: (root: string) => `${root}/$metadata`,
  collection: (root: string, entitySet: EntitySet, select?: readonly string[]) => `${root}/$metadata#${entitySet.name}${selectList(select)}`,
  delta: (root: string, entitySet: EntitySet, select?: readonly string[]) => `${root}/$metadata#${entitySet.name}${selectList(select)}/$delta`,
  entity: (root: string, entitySet: EntitySet, select?: readonly string[]) => `${root}/$metadata#${entitySet.name}${selectList(select)}/$entity`,
  property: (root: string, entitySet: EntitySet, key: unknown, property: string) =>
    `${root}/$metadata#${entitySet.name}(${keyLiteral(key)})/${property}`,
} as const;

/** The canonical URL of an entity (`@odata.id`, `Location`, `OData-EntityId`). */
export function entityUrl(root: string, entitySet: EntitySet, key: unknown): string {
  return `${root}/${entitySet.name}(${keyLiteral(key)})`;
}

/** The URL of the entity set with the given query options (`@odata.nextLink`). */
export function collectionUrl(root: string, entitySet: EntitySet, queryOptions: readonly string[]): string {
  return `${root}/${entitySet.name}${queryOptions.length > 0 ? `?${queryOptions.join('&')}` : ''}`;
}

/** The next or delta link of a delta round: the set's `delta` function with its token. */
export function deltaFunctionUrl(root: string, entitySet: EntitySet, option: '$skiptoken' | '$deltatoken', token: string): string {
  return `${root}/${entitySet.name}/delta?${option}=${token}`;
}

function selectList(select: readonly string[] | undefined): string {
  return select ? `(${select.join(',')})` : '';
}
