// Permissions of the restriction terms and the container's Authorizations, read as a client reads them, checked with real tokens.
import { expect } from 'chai';
import request, { type Response } from 'supertest';
import type { AnnotationValue } from '../../src/model/service-model';
import { ACCESS_REVIEWS_APP_ID, DIRECTORY_ROLES, OTHER_APP_ID, READER_APP_ID, appOnlyClaims, delegatedClaims } from '../support/auth-tokens';
import { capability, check, memberOf, type Claim, type ClaimCheck, type ClaimContext } from './claims';

export const AUTHORIZATIONS = 'Org.OData.Authorization.V1.Authorizations';
const ROLES_TERM = '@Gateway.Authorization.V1.RequiredDirectoryRoles';
const CONFIGURED_TERM = '@Gateway.Authorization.V1.ConfiguredApplicationsOnly';

type Operation = 'read' | 'create' | 'update' | 'delete';
type Json = Readonly<Record<string, AnnotationValue>>;
const records = (value: AnnotationValue | undefined): Json[] => (Array.isArray(value) ? value as Json[] : []);

/** A scheme's tokens: client credentials grant app roles (`roles`), the other OAuth flows delegated scopes (`scp`). */
function kindOf(context: ClaimContext, scheme: string): 'application' | 'delegated' {
  const declared = records(context.model.containerAnnotations[AUTHORIZATIONS]).find((record) => record.Name === scheme);
  if (!declared) throw new Error(`Permissions name the scheme '${scheme}', which Authorizations does not declare`);
  return String(declared['@type']).endsWith('.OAuth2ClientCredentials') ? 'application' : 'delegated';
}

interface Holder { readonly kind: 'application' | 'delegated'; readonly scopes: readonly string[]; readonly wids?: readonly string[]; readonly appId?: string }

function claimsOf(holder: Holder) {
  return holder.kind === 'application'
    ? appOnlyClaims(holder.appId ?? OTHER_APP_ID, holder.scopes)
    : delegatedClaims(holder.appId ?? OTHER_APP_ID, holder.scopes, [], holder.wids ?? []);
}

/** The operation on the claims' entity set with the holder's token; update and delete act on a fresh entity. */
async function attempt(context: ClaimContext, operation: Operation, holder: Holder): Promise<Response> {
  const guarded = context.guarded;
  if (!guarded) throw new Error('permission checks need a gateway with the bearer policy');
  const authorization = `Bearer ${await guarded.sign(claimsOf(holder))}`;
  const path = `/beta/${context.entitySet.name}`;
  const key = operation === 'update' || operation === 'delete' ? await guarded.fresh() : context.alice;
  const sent = {
    read: () => request(context.app).get(`${path}('${key}')`),
    create: () => request(context.app).post(path).send({ userName: 'permission check' }),
    update: () => request(context.app).patch(`${path}('${key}')`).send({ userName: 'permission check' }),
    delete: () => request(context.app).delete(`${path}('${key}')`),
  }[operation]();
  return sent.set('Authorization', authorization);
}

const expectAllowed = (response: Response) => expect(response.status, response.text).to.be.within(200, 299);
const expectDenied = (response: Response) => expect(response.status, response.text).to.equal(403);

function scopeChecks(operation: Operation, scheme: string, scope: Json): ClaimCheck[] {
  const name = String(scope.Scope);
  const roles = records(scope[ROLES_TERM]).map((role) => String(role.RoleTemplateId));
  const appId = scope[CONFIGURED_TERM] === true ? ACCESS_REVIEWS_APP_ID : OTHER_APP_ID;
  const holder = (context: ClaimContext, scopes: readonly string[], wids = roles.slice(0, 1)): Holder => ({ kind: kindOf(context, scheme), scopes, wids, appId });
  const checks = [
    check(`${scheme} ${name}: grants ${operation}`, async (context) => expectAllowed(await attempt(context, operation, holder(context, [name])))),
    check(`${scheme} ${name}: without it, ${operation} is refused`, async (context) => {
      expectDenied(await attempt(context, operation, holder(context, ['Unrelated.Scope'])));
    }),
    check(`${scheme} ${name}: in a token of the other kind, it grants nothing`, async (context) => {
      const other = holder(context, [name]);
      expectDenied(await attempt(context, operation, { ...other, kind: other.kind === 'application' ? 'delegated' : 'application' }));
    }),
  ];
  checks.push(scope[CONFIGURED_TERM] === true
    ? check(`${scheme} ${name} ConfiguredApplicationsOnly: another application is refused`, async (context) => {
      expectDenied(await attempt(context, operation, { ...holder(context, [name]), appId: OTHER_APP_ID }));
    })
    : check(`${scheme} ${name}: any application may use it`, async (context) => {
      expectAllowed(await attempt(context, operation, { ...holder(context, [name]), appId: READER_APP_ID }));
    }));
  if (roles.length > 0) {
    checks.push(check(`${scheme} ${name} RequiredDirectoryRoles: each listed role grants ${operation}, none or another is refused`, async (context) => {
      for (const role of roles) expectAllowed(await attempt(context, operation, holder(context, [name], [role])));
      expectDenied(await attempt(context, operation, holder(context, [name], [])));
      expectDenied(await attempt(context, operation, holder(context, [name], [DIRECTORY_ROLES.directoryReaders])));
    }));
  }
  return checks;
}

/** The Permissions member of a restriction term: every scope checked, or (none declared) every token refused. */
export function permissionChecks(term: string, operation: Operation, allowed: boolean, value: AnnotationValue | undefined): ClaimCheck[] {
  if (!allowed) return []; // 405 before any token is looked at: see the claim's own checks
  const permissions = records(memberOf(capability(term), value, 'Permissions') ?? undefined);
  if (permissions.length === 0) {
    return [check(`no Permissions: ${operation} is refused to every kind of token`, async (context) => {
      for (const kind of ['application', 'delegated'] as const) {
        expectDenied(await attempt(context, operation, { kind, scopes: everyScope(context), wids: Object.values(DIRECTORY_ROLES), appId: ACCESS_REVIEWS_APP_ID }));
      }
    })];
  }
  return permissions.flatMap((permission) => records(permission.Scopes).flatMap((scope) => scopeChecks(operation, String(permission.SchemeName), scope)));
}

function everyScope(context: ClaimContext): string[] {
  return records(context.model.containerAnnotations[AUTHORIZATIONS]).flatMap((scheme) => records(scheme.Scopes).map((scope) => String(scope.Scope)));
}

const OAUTH_URLS: Readonly<Record<string, readonly string[]>> = {
  OAuth2ClientCredentials: ['TokenUrl'], OAuth2AuthCode: ['AuthorizationUrl', 'TokenUrl'], OAuth2Implicit: ['AuthorizationUrl'], OAuth2Password: ['TokenUrl'],
};

/** The container's schemes: OAuth 2.0 flows against Azure AD v2.0, every declared scope used by some permission. */
export const authorizations: Claim = {
  term: AUTHORIZATIONS, target: 'EntityContainer', guarded: true,
  members: ['@type', 'Name', 'Scopes', 'Scopes/Scope', 'TokenUrl', 'AuthorizationUrl'], prose: ['Description', 'Scopes/Description'],
  checks: (value) => records(value).map((scheme) => check(`${String(scheme.Name)}: an Azure AD v2.0 OAuth 2.0 flow whose every scope is granted somewhere`, async (context) => {
    const type = String(scheme['@type']);
    const urls = OAUTH_URLS[type.slice(type.lastIndexOf('.') + 1)];
    expect(urls, type).to.not.equal(undefined);
    for (const member of urls!) expect(String(scheme[member])).to.match(/^https:\/\/login\.microsoftonline\.com\/[^/]+\/oauth2\/v2\.0\/(authorize|token)$/);
    const kind = kindOf(context, String(scheme.Name));
    for (const scope of records(scheme.Scopes).map((record) => String(record.Scope))) {
      const granted = await Promise.all((['read', 'create'] as const).map(async (operation) =>
        (await attempt(context, operation, { kind, scopes: [scope], wids: Object.values(DIRECTORY_ROLES), appId: ACCESS_REVIEWS_APP_ID })).status));
      expect(granted.some((status) => status >= 200 && status < 300), `${scope} grants nothing: ${granted.join(', ')}`).to.equal(true);
    }
  })),
};

/** The flag of each restriction term that must allow the operation (the vocabulary default is true). */
const FLAGS = [['ReadRestrictions', 'read', 'Readable'], ['InsertRestrictions', 'create', 'Insertable'],
  ['UpdateRestrictions', 'update', 'Updatable'], ['DeleteRestrictions', 'delete', 'Deletable']] as const;

export const permissionClaims: readonly Claim[] = FLAGS.map(([term, operation, flag]) => ({
  term: capability(term), target: 'EntitySet', guarded: true,
  members: ['Permissions', 'Permissions/SchemeName', 'Permissions/Scopes', 'Permissions/Scopes/Scope', `Permissions/Scopes/${CONFIGURED_TERM}`,
    `Permissions/Scopes/${ROLES_TERM}`, `Permissions/Scopes/${ROLES_TERM}/RoleTemplateId`],
  prose: [`Permissions/Scopes/${ROLES_TERM}/DisplayName`],
  checks: (value: AnnotationValue | undefined) => permissionChecks(term, operation, memberOf(capability(term), value, flag) === true, value),
}));
