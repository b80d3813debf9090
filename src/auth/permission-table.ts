// The permissions the model declares, as a Markdown table: README "Permissions" and `npm run -s token -- --list`.
import { DATA_OPERATIONS, type DataOperation, type EntitySet, type PermissionScope, type SchemeKind, type ServiceModel } from '../model/service-model';

const ALLOWED: Readonly<Record<DataOperation, (set: EntitySet) => boolean>> = {
  read: (set) => set.capabilities.readable,
  create: (set) => set.capabilities.insertable,
  update: (set) => set.capabilities.updatable,
  delete: (set) => set.capabilities.deletable,
};

export function permissionTable(model: ServiceModel): string {
  const rows = model.entitySets.flatMap((set) => DATA_OPERATIONS.map((operation) => {
    const cells = ALLOWED[operation](set)
      ? (['application', 'delegated'] as const).map((kind) => grantsOf(set, operation, kind))
      : ['not allowed (405)', 'not allowed (405)'];
    return `| \`${set.name}\` | ${operation} | ${cells.join(' | ')} |`;
  }));
  return [
    '| entity set | operation | application: app role in `roles` | delegated: scope in `scp` |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function grantsOf(set: EntitySet, operation: DataOperation, kind: SchemeKind): string {
  const scopes = (set.permissions?.[operation] ?? []).filter((permission) => permission.scheme.kind === kind)
    .flatMap((permission) => permission.scopes);
  if (scopes.length > 0) return scopes.map(describe).join('; or ');
  const none = (set.permissions?.[operation] ?? []).length === 0;
  return none ? 'nobody: no Permissions declared (403)' : 'none (403)';
}

function describe(scope: PermissionScope): string {
  const parts = [`\`${scope.scope}\``];
  if (scope.configuredApplicationsOnly) parts.push('from an `AUTH_CREATOR_APP_IDS` application only');
  if (scope.directoryRoles.length > 0) {
    parts.push(`and one of the directory roles (\`wids\`) ${scope.directoryRoles
      .map((role) => `${role.displayName} \`${role.roleTemplateId}\``).join(', ')}`);
  }
  return parts.join(' ');
}
