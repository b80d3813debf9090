// The OpenAPI security requirements of each operation, from the CSDL's permissions: a plain table (entity set →
// data operation → requirements) that the OpenAPI worker receives instead of the model.
import type { DataOperation, Permission, ServiceModel } from '../model/service-model';

type Json = Record<string, unknown>;

/** Per entity set name, per data operation: the OpenAPI security requirements of its permissions. */
export type SecurityTable = Readonly<Record<string, Partial<Record<DataOperation, Json[]>>>>;

const DATA_OPERATIONS: readonly DataOperation[] = ['read', 'create', 'update', 'delete'];

export function securityTable(model: ServiceModel): SecurityTable {
  return Object.fromEntries(model.entitySets.map((set) => [set.name, Object.fromEntries(
    DATA_OPERATIONS.map((operation) => [operation, requirements(set.permissions?.[operation] ?? [])]),
  )]));
}

/** OpenAPI security: a list of alternatives; one per scope of each permission. No permission: public (`[]`). */
function requirements(permissions: readonly Permission[]): Json[] {
  return permissions.flatMap((permission) => permission.scopes.map((scope) => ({ [permission.scheme.name]: [scope.scope] })));
}
