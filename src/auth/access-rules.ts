// Who may do what: the grants derived from the CSDL's Permissions, and the facts of a verified token they are checked against.
import type { JWTPayload } from 'jose';
import type { SchemeKind } from '../model/service-model';

/** The facts of a verified token the rules look at. */
export interface Caller {
  /** The calling application: `azp` in v2 tokens, `appid` in v1 tokens (Azure AD access token claims). */
  readonly appId?: string;
  /** App-only (client credentials) token: no `scp`, and `idtyp` (when present) is `app`. */
  readonly appOnly: boolean;
  readonly roles: ReadonlySet<string>;
  readonly scopes: ReadonlySet<string>;
  /** `wids`: the signed-in user's directory roles as role template ids, lower case. */
  readonly directoryRoles: ReadonlySet<string>;
}

/** One way to be allowed an operation: a scope (an app role for application schemes) and what else it needs. */
export interface Grant {
  readonly kind: SchemeKind;
  readonly scope: string;
  /** Role template ids, one of which the user must hold; empty: none needed. */
  readonly directoryRoles: ReadonlySet<string>;
  /** Only these application ids may use the grant; undefined: any application. */
  readonly appIds?: ReadonlySet<string>;
}

export function toCaller(claims: JWTPayload): Caller {
  const appId = text(claims.azp) ?? text(claims.appid);
  return {
    appId: appId?.toLowerCase(),
    appOnly: claims.scp === undefined && (claims.idtyp === undefined || claims.idtyp === 'app'),
    roles: new Set(strings(claims.roles)),
    // `scp` is one space-separated string of delegated scopes.
    scopes: new Set((text(claims.scp) ?? '').split(' ').filter((scope) => scope !== '')),
    directoryRoles: new Set(strings(claims.wids).map((id) => id.toLowerCase())),
  };
}

/** Any one grant suffices (Capabilities: "one of the specified sets of scopes"); no grants: nobody. */
export function permits(grants: readonly Grant[], caller: Caller): boolean {
  return grants.some((grant) => holds(grant, caller));
}

function holds(grant: Grant, caller: Caller): boolean {
  // App roles count only in app-only tokens, delegated scopes only in a signed-in user's token.
  if (grant.kind === 'application' ? !caller.appOnly || !caller.roles.has(grant.scope) : caller.appOnly || !caller.scopes.has(grant.scope)) {
    return false;
  }
  if (grant.appIds && (caller.appId === undefined || !grant.appIds.has(caller.appId))) return false;
  return grant.directoryRoles.size === 0 || [...grant.directoryRoles].some((role) => caller.directoryRoles.has(role));
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
