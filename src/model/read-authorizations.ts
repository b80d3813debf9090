// The container's Authorization.Authorizations: the OAuth 2.0 flows against Azure AD whose scopes permissions name.
import { CsdlError } from './csdl-error';
import { AUTHORIZATION, type AnnotationValue, type Annotations, type AuthorizationScheme, type SchemeKind } from './service-model';

type RecordValue = Readonly<Record<string, AnnotationValue>>;

/** Each supported flow: whose scopes it grants, and the members its record type declares (Authorization vocabulary). */
const FLOWS: Readonly<Record<string, { readonly kind: SchemeKind; readonly urls: readonly string[] }>> = {
  // Client credentials: an app-only token; its scopes are app roles, carried in the `roles` claim.
  OAuth2ClientCredentials: { kind: 'application', urls: ['TokenUrl'] },
  // The user-facing flows: a delegated token for a signed-in user; its scopes are carried in `scp`.
  OAuth2AuthCode: { kind: 'delegated', urls: ['AuthorizationUrl', 'TokenUrl'] },
  OAuth2Implicit: { kind: 'delegated', urls: ['AuthorizationUrl'] },
  OAuth2Password: { kind: 'delegated', urls: ['TokenUrl'] },
};
const COMMON_MEMBERS = ['@type', 'Name', 'Description', 'Scopes', 'RefreshUrl'];
const SCOPE_MEMBERS = ['Scope', 'Description', 'Grant'];

export function readAuthorizations(annotations: Annotations, file: string, where: string): AuthorizationScheme[] {
  if (`${AUTHORIZATION}.SecuritySchemes` in annotations) {
    throw new CsdlError(file, `${where}, Annotation '${AUTHORIZATION}.SecuritySchemes'`,
      'is not supported: state the permissions of each operation in its restriction term (Permissions)');
  }
  const value = annotations[`${AUTHORIZATION}.Authorizations`];
  if (value === undefined) return [];
  const here = `${where}, Annotation '${AUTHORIZATION}.Authorizations'`;
  if (!Array.isArray(value)) throw new CsdlError(file, here, 'must be a Collection of Authorization records');
  const schemes = value.map((item, index) => readScheme(item, file, `${here}, Record ${index + 1}`));
  const names = schemes.map((scheme) => scheme.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) throw new CsdlError(file, here, `the scheme name '${duplicate}' is declared twice`);
  return schemes;
}

function readScheme(value: AnnotationValue, file: string, where: string): AuthorizationScheme {
  const record = asRecord(value, file, where);
  const type = typeof record['@type'] === 'string' ? record['@type'] : '';
  const flow = type.slice(type.lastIndexOf('.') + 1);
  const known = type.slice(type.indexOf('#') + 1) === `${AUTHORIZATION}.${flow}` ? FLOWS[flow] : undefined;
  if (!known) {
    throw new CsdlError(file, where, `Type '${type.slice(type.indexOf('#') + 1)}' is not supported: only the OAuth 2.0 flows `
      + `${Object.keys(FLOWS).map((name) => `Authorization.${name}`).join(', ')} (Azure AD tokens)`);
  }
  checkMembers(record, [...COMMON_MEMBERS, ...known.urls], file, where);
  const name = requiredText(record, 'Name', file, where);
  for (const member of [...known.urls, ...('RefreshUrl' in record ? ['RefreshUrl'] : [])]) {
    const url = requiredText(record, member, file, where);
    if (!/^https:\/\/[^/\s]+\/\S*$/.test(url)) throw new CsdlError(file, where, `${member} '${url}' must be an https URL`);
  }
  const scopes = Array.isArray(record.Scopes) ? record.Scopes : [];
  if (scopes.length === 0) throw new CsdlError(file, where, `scheme '${name}' declares no Scopes`);
  const scopeNames = scopes.map((scope, index) => {
    const scopeWhere = `${where}, Scopes ${index + 1}`;
    const scopeRecord = asRecord(scope, file, scopeWhere);
    checkMembers(scopeRecord, SCOPE_MEMBERS, file, scopeWhere);
    requiredText(scopeRecord, 'Description', file, scopeWhere); // Authorization vocabulary: Description is not nullable
    return requiredText(scopeRecord, 'Scope', file, scopeWhere);
  });
  const duplicate = scopeNames.find((scope, index) => scopeNames.indexOf(scope) !== index);
  if (duplicate !== undefined) throw new CsdlError(file, where, `scheme '${name}' declares the scope '${duplicate}' twice`);
  return Object.freeze({ name, flow, kind: known.kind, scopes: Object.freeze(scopeNames) });
}

export function asRecord(value: AnnotationValue | undefined, file: string, where: string): RecordValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CsdlError(file, where, 'must be a Record');
  return value;
}

export function checkMembers(record: RecordValue, allowed: readonly string[], file: string, where: string): void {
  const unknown = Object.keys(record).find((member) => !allowed.includes(member));
  if (unknown !== undefined) {
    throw new CsdlError(file, where, `'${unknown}' is not supported here (the gateway reads ${allowed.filter((member) => member !== '@type').join(', ')})`);
  }
}

export function requiredText(record: RecordValue, member: string, file: string, where: string): string {
  const value = record[member];
  if (typeof value !== 'string' || value.trim() === '') throw new CsdlError(file, where, `${member} must be a non-empty String`);
  return value;
}
