// Who may do what: only the Access Reviews app with the creator role creates; readers and creators read.
import type { JWTPayload } from 'jose';
import type { AccessRules } from '../config/auth-config';
import type { DataOperation } from './access-policy';

/** The facts of a verified token the rules look at. */
export interface Caller {
  /** The calling application: `azp` in v2 tokens, `appid` in v1 tokens (Azure AD access token claims). */
  readonly appId?: string;
  /** App-only (client credentials) token: no `scp`, and `idtyp` (when present) is `app`. */
  readonly appOnly: boolean;
  readonly roles: ReadonlySet<string>;
  readonly scopes: ReadonlySet<string>;
}

export function toCaller(claims: JWTPayload): Caller {
  const appId = text(claims.azp) ?? text(claims.appid);
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((role): role is string => typeof role === 'string') : [];
  return {
    appId: appId?.toLowerCase(),
    appOnly: claims.scp === undefined && (claims.idtyp === undefined || claims.idtyp === 'app'),
    roles: new Set(roles),
    // `scp` is one space-separated string of delegated scopes.
    scopes: new Set((text(claims.scp) ?? '').split(' ').filter((scope) => scope !== '')),
  };
}

export function permits(rules: AccessRules, caller: Caller, operation: DataOperation): boolean {
  const creator = caller.appOnly && caller.appId !== undefined
    && rules.creatorAppIds.includes(caller.appId) && caller.roles.has(rules.creatorRole);
  switch (operation) {
    case 'create':
      return creator;
    case 'read':
      return creator
        || (caller.appOnly && rules.readerRoles.some((role) => caller.roles.has(role)))
        || (!caller.appOnly && rules.readerScopes.some((scope) => caller.scopes.has(scope)));
    default:
      return false; // the CSDL allows no update or delete, and no rule grants them
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
