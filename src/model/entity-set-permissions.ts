// Reads the Permissions of an entity set's Read/Insert/Update/DeleteRestrictions against the container's schemes.
import { CsdlError } from './csdl-error';
import { asRecord, checkMembers, requiredText } from './read-authorizations';
import {
  CAPABILITIES, GATEWAY_AUTHORIZATION, type AnnotationValue, type Annotations, type AuthorizationScheme, type DataOperation,
  type DirectoryRole, type EntitySetCapabilities, type Permission, type PermissionScope,
} from './service-model';

/** The restriction term of each operation, and the capability flag that must allow it for permissions to mean anything. */
const RESTRICTIONS: Readonly<Record<DataOperation, readonly [term: string, flag: keyof EntitySetCapabilities]>> = {
  read: ['ReadRestrictions', 'readable'],
  create: ['InsertRestrictions', 'insertable'],
  update: ['UpdateRestrictions', 'updatable'],
  delete: ['DeleteRestrictions', 'deletable'],
};
const DIRECTORY_ROLES = `@${GATEWAY_AUTHORIZATION}.RequiredDirectoryRoles`;
const CONFIGURED_ONLY = `@${GATEWAY_AUTHORIZATION}.ConfiguredApplicationsOnly`;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Where { readonly file: string; readonly where: string }

export function readEntitySetPermissions(
  annotations: Annotations, capabilities: EntitySetCapabilities, schemes: readonly AuthorizationScheme[], file: string, where: string,
): Record<DataOperation, readonly Permission[]> {
  const read = (operation: DataOperation): readonly Permission[] => {
    const [term, flag] = RESTRICTIONS[operation];
    const restriction = annotations[`${CAPABILITIES}.${term}`];
    const record = typeof restriction === 'object' && restriction !== null && !Array.isArray(restriction) ? restriction : {};
    const here = { file, where: `${where}, ${term}` };
    if (operation === 'read' && 'ReadByKeyRestrictions' in record) {
      throw new CsdlError(file, here.where, 'ReadByKeyRestrictions is not supported: the Permissions of ReadRestrictions apply to reads by key too');
    }
    if (record.Permissions === undefined || record.Permissions === null) return Object.freeze([]);
    if (!capabilities[flag]) {
      throw new CsdlError(file, here.where, `declares Permissions, but the entity set does not allow the operation (${term.replace('Restrictions', 'able')} is false)`);
    }
    if (!Array.isArray(record.Permissions)) throw new CsdlError(file, here.where, 'Permissions must be a Collection');
    return Object.freeze(record.Permissions.map((permission, index) =>
      readPermission(permission, schemes, { file, where: `${here.where}, Permissions ${index + 1}` })));
  };
  return Object.freeze({ read: read('read'), create: read('create'), update: read('update'), delete: read('delete') });
}

function readPermission(value: AnnotationValue, schemes: readonly AuthorizationScheme[], at: Where): Permission {
  const record = asRecord(value, at.file, at.where);
  checkMembers(record, ['SchemeName', 'Scopes'], at.file, at.where);
  const name = requiredText(record, 'SchemeName', at.file, at.where);
  const scheme = schemes.find((candidate) => candidate.name === name);
  if (!scheme) {
    const declared = schemes.length === 0 ? 'the container declares no Authorization.Authorizations'
      : `declared: ${schemes.map((candidate) => candidate.name).join(', ')}`;
    throw new CsdlError(at.file, at.where, `SchemeName '${name}' names no scheme of the container (${declared})`);
  }
  const scopes = Array.isArray(record.Scopes) ? record.Scopes : [];
  if (scopes.length === 0) throw new CsdlError(at.file, at.where, 'Scopes must list at least one scope: a permission without scopes grants nothing');
  return Object.freeze({
    scheme, scopes: Object.freeze(scopes.map((scope, index) => readScope(scope, scheme, { file: at.file, where: `${at.where}, Scopes ${index + 1}` }))),
  });
}

function readScope(value: AnnotationValue, scheme: AuthorizationScheme, at: Where): PermissionScope {
  const record = asRecord(value, at.file, at.where);
  if ('RestrictedProperties' in record) {
    throw new CsdlError(at.file, at.where, 'RestrictedProperties is not supported: a scope grants the operation on every property');
  }
  checkMembers(record, ['Scope', DIRECTORY_ROLES, CONFIGURED_ONLY], at.file, at.where);
  const scope = requiredText(record, 'Scope', at.file, at.where);
  if (!scheme.scopes.includes(scope)) {
    throw new CsdlError(at.file, at.where, `Scope '${scope}' is not one of the Scopes scheme '${scheme.name}' declares (${scheme.scopes.join(', ')})`);
  }
  const directoryRoles = readDirectoryRoles(record[DIRECTORY_ROLES], at);
  const tag = record[CONFIGURED_ONLY];
  if (tag !== undefined && typeof tag !== 'boolean') throw new CsdlError(at.file, at.where, 'ConfiguredApplicationsOnly must be a Bool');
  return Object.freeze({ scope, directoryRoles, configuredApplicationsOnly: tag === true });
}

function readDirectoryRoles(value: AnnotationValue | undefined, at: Where): readonly DirectoryRole[] {
  if (value === undefined) return Object.freeze([]);
  if (!Array.isArray(value) || value.length === 0) {
    throw new CsdlError(at.file, at.where, 'RequiredDirectoryRoles must be a non-empty Collection of DirectoryRole records');
  }
  return Object.freeze(value.map((item, index) => {
    const where = `${at.where}, RequiredDirectoryRoles ${index + 1}`;
    const record = asRecord(item, at.file, where);
    checkMembers(record, ['RoleTemplateId', 'DisplayName'], at.file, where);
    const roleTemplateId = requiredText(record, 'RoleTemplateId', at.file, where).toLowerCase();
    if (!GUID.test(roleTemplateId)) throw new CsdlError(at.file, where, `RoleTemplateId '${roleTemplateId}' is not a Guid`);
    return Object.freeze({ roleTemplateId, displayName: requiredText(record, 'DisplayName', at.file, where) });
  }));
}
