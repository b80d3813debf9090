// The access policy derived from the model at start-up: the grants of each operation on each entity set.
import type { AccessRules } from '../config/auth-config';
import { DATA_OPERATIONS, type DataOperation, type EntitySet, type ServiceModel } from '../model/service-model';
import type { Grant } from './access-rules';

/** Keyed by entity set name. */
export type AccessRequirements = ReadonlyMap<string, Readonly<Record<DataOperation, readonly Grant[]>>>;

/** Where the CSDL's permissions and the configuration do not fit together; each message names both sides. */
export interface RequirementProblems {
  readonly problems: string[];
  /** Operations the entity set allows but no permission names: refused to every caller. */
  readonly unpermitted: string[];
}

/** `operatorSet`: the application ids come from the operator (tenant mode), not development mode's fixed one. */
export function deriveAccessRequirements(
  model: ServiceModel, rules: AccessRules, operatorSet: boolean, report: RequirementProblems,
): AccessRequirements {
  const configured = new Set(rules.creatorAppIds);
  const marked: string[] = [];
  const requirements = new Map<string, Record<DataOperation, readonly Grant[]>>();
  for (const entitySet of model.entitySets) {
    const grants = {} as Record<DataOperation, readonly Grant[]>;
    for (const operation of DATA_OPERATIONS) {
      const permissions = entitySet.permissions?.[operation] ?? [];
      grants[operation] = Object.freeze(permissions.flatMap((permission) => permission.scopes.map((scope): Grant => {
        if (scope.configuredApplicationsOnly) marked.push(`${entitySet.name} ${operation} ${scope.scope}`);
        return Object.freeze({
          kind: permission.scheme.kind, scope: scope.scope,
          directoryRoles: new Set(scope.directoryRoles.map((role) => role.roleTemplateId)),
          ...(scope.configuredApplicationsOnly ? { appIds: configured } : {}),
        });
      })));
      if (grants[operation].length === 0 && allows(entitySet, operation)) report.unpermitted.push(`${entitySet.name} ${operation}`);
    }
    requirements.set(entitySet.name, Object.freeze(grants));
  }
  if (marked.length > 0 && configured.size === 0) {
    report.problems.push(`AUTH_CREATOR_APP_IDS is required: the CSDL marks ${marked.join('; ')} ConfiguredApplicationsOnly`);
  }
  if (marked.length === 0 && configured.size > 0 && operatorSet) {
    report.problems.push('AUTH_CREATOR_APP_IDS is set, but the CSDL marks no scope ConfiguredApplicationsOnly, so it would restrict nothing');
  }
  return requirements;
}

function allows(entitySet: EntitySet, operation: DataOperation): boolean {
  const { readable, insertable, updatable, deletable } = entitySet.capabilities;
  return { read: readable, create: insertable, update: updatable, delete: deletable }[operation];
}
