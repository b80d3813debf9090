// What each kind of token may do, per CSDL, as its annotations say: written out by hand, not derived by the code under test.
import type { JWTPayload } from 'jose';
import { SEED_EVENT } from '../support/test-gateway';
import {
  ACCESS_REVIEWS_APP_ID, CREATOR_ROLE, DIRECTORY_ROLES, OTHER_APP_ID, READER_ROLE, READER_SCOPE, TENANT_ID, appOnlyClaims, delegatedClaims,
} from '../support/auth-tokens';

/** How a token is broken, if it is. */
export type Flaw = 'none' | 'missing' | 'expired' | 'foreign key' | 'foreign issuer';

export interface TokenKind {
  readonly name: string;
  readonly claims: JWTPayload;
  readonly flaw?: Flaw;
}

/** Expected statuses of read (GET by key), create (POST), update (PATCH), delete (DELETE), in that order. */
export type Statuses = readonly [read: number, create: number, update: number, remove: number];

export interface SetUnderTest {
  readonly name: string;
  /** A valid body to create an entity. */
  readonly body: Readonly<Record<string, unknown>>;
  /** A string property PATCH changes. */
  readonly changes: string;
}

export interface Matrix {
  readonly title: string;
  /** The CSDL: undefined for the shipped one, else a file of test/fixtures/csdl. */
  readonly fixture?: string;
  readonly sets: readonly SetUnderTest[];
  /** Per token kind, the statuses on each set, in the order of `sets`. */
  readonly rows: readonly (readonly [TokenKind, ...Statuses[]])[];
}

const app = (name: string, appId: string, roles: readonly string[]): TokenKind => ({ name, claims: appOnlyClaims(appId, roles) });
const user = (name: string, scopes: readonly string[], wids: readonly string[] = []): TokenKind => ({
  name, claims: delegatedClaims(OTHER_APP_ID, scopes, [], wids),
});
const broken = (flaw: Flaw): TokenKind => ({ name: `a ${flaw} token`, flaw, claims: appOnlyClaims(ACCESS_REVIEWS_APP_ID, [CREATOR_ROLE, READER_ROLE]) });
const BROKEN = (['missing', 'expired', 'foreign key', 'foreign issuer'] as const).map(broken);
const { globalAdministrator, privilegedRoleAdministrator, securityAdministrator, securityReader, directoryReaders } = DIRECTORY_ROLES;

const EVENTS: SetUnderTest = { name: 'privilegedOperationEvents', body: SEED_EVENT, changes: 'roleName' };
const UNAUTHENTICATED: Statuses = [401, 401, 405, 405];
const NOTHING: Statuses = [403, 403, 405, 405];
const READS: Statuses = [200, 403, 405, 405];

export const SHIPPED: Matrix = {
  title: 'the shipped CSDL', sets: [EVENTS],
  rows: [
    ...BROKEN.map((token) => [token, UNAUTHENTICATED] as const),
    [app('the Access Reviews app with the create role', ACCESS_REVIEWS_APP_ID, [CREATOR_ROLE]), [403, 201, 405, 405]],
    [app('the Access Reviews app with both roles', ACCESS_REVIEWS_APP_ID, [CREATOR_ROLE, READER_ROLE]), [200, 201, 405, 405]],
    [app('the Access Reviews app without a role', ACCESS_REVIEWS_APP_ID, []), NOTHING],
    [app('another app with the create role', OTHER_APP_ID, [CREATOR_ROLE]), NOTHING],
    [app('another app with the read role', OTHER_APP_ID, [READER_ROLE]), READS],
    [app('an app with the delegated scope as a role', OTHER_APP_ID, [READER_SCOPE]), NOTHING],
    [{ name: 'a v1 token of the Access Reviews app with the create role', claims: appOnlyClaims(ACCESS_REVIEWS_APP_ID, [CREATOR_ROLE], 'v1') }, [403, 201, 405, 405]],
    [{ name: 'a delegated token of the Access Reviews app with the create role in roles', claims: delegatedClaims(ACCESS_REVIEWS_APP_ID, ['User.Read'], [CREATOR_ROLE]) }, NOTHING],
    [user('a user with the scope and no directory role', [READER_SCOPE]), NOTHING],
    [user('a user with the scope, a Privileged Role Administrator', [READER_SCOPE], [privilegedRoleAdministrator]), READS],
    [user('a user with the scope, a Global Administrator', [READER_SCOPE], [globalAdministrator]), READS],
    [user('a user with the scope, a Security Administrator', [READER_SCOPE], [securityAdministrator]), READS],
    [user('a user with the scope, a Security Reader (upper-case id)', [READER_SCOPE], [securityReader.toUpperCase()]), READS],
    [user('a user with the scope, a Directory Reader only', [READER_SCOPE], [directoryReaders]), NOTHING],
    [user('a Global Administrator without the scope', ['User.Read'], [globalAdministrator]), NOTHING],
    [user('a Global Administrator with the app roles as scopes', [READER_ROLE, CREATOR_ROLE], [globalAdministrator]), NOTHING],
  ],
};

const ASSIGNMENTS: SetUnderTest = { name: 'privilegedRoleAssignments', body: { userId: 'u-1', roleId: 'r-1' }, changes: 'roleId' };
const PERMISSIVE_EVENTS: SetUnderTest = { name: 'privilegedOperationEvents', body: { userName: 'Ann', roleName: 'Reader' }, changes: 'roleName' };
const DENIED: Statuses = [403, 403, 403, 403];
const REFUSED: Statuses = [401, 401, 401, 401];

export const PERMISSIVE: Matrix = {
  title: 'a permissive CSDL with two entity sets', fixture: 'permissive-two-sets.xml', sets: [PERMISSIVE_EVENTS, ASSIGNMENTS],
  rows: [
    ...BROKEN.map((token) => [token, REFUSED, REFUSED] as const),
    [app('the configured app with Event.ReadWrite.All', ACCESS_REVIEWS_APP_ID, ['Event.ReadWrite.All']), [200, 201, 204, 204], DENIED],
    [app('another app with Event.ReadWrite.All', OTHER_APP_ID, ['Event.ReadWrite.All']), [200, 403, 204, 204], DENIED],
    [app('another app with Event.Read.All', OTHER_APP_ID, ['Event.Read.All']), [200, 403, 403, 403], DENIED],
    [app('the configured app without a role', ACCESS_REVIEWS_APP_ID, []), DENIED, DENIED],
    [app('another app with Assignment.ReadWrite.All', OTHER_APP_ID, ['Assignment.ReadWrite.All']), DENIED, [403, 201, 403, 204]],
    [app('the configured app with every app role', ACCESS_REVIEWS_APP_ID, ['Event.ReadWrite.All', 'Event.Read.All', 'Assignment.ReadWrite.All']),
      [200, 201, 204, 204], [403, 201, 403, 204]],
    [app('an app with the delegated scopes as roles', ACCESS_REVIEWS_APP_ID, ['Event.ReadWrite', 'Assignment.Read']), DENIED, DENIED],
    [user('a user with Event.ReadWrite and no directory role', ['Event.ReadWrite']), [200, 403, 403, 403], DENIED],
    [user('a user with Event.ReadWrite, a Global Administrator', ['Event.ReadWrite'], [globalAdministrator]), [200, 403, 204, 403], DENIED],
    [user('a user with Event.ReadWrite, a Security Reader', ['Event.ReadWrite'], [securityReader]), [200, 403, 403, 403], DENIED],
    [user('a user with Assignment.Read', ['Assignment.Read']), DENIED, [200, 403, 403, 403]],
    [user('a Global Administrator with every scope', ['Event.ReadWrite', 'Assignment.Read'], [globalAdministrator]), [200, 403, 204, 403], [200, 403, 403, 403]],
    [user('a Global Administrator with the app roles as scopes', ['Event.ReadWrite.All', 'Assignment.ReadWrite.All'], [globalAdministrator]), DENIED, DENIED],
  ],
};

/** Another tenant's issuer: a token that is well signed but not addressed from this tenant. */
export const FOREIGN_ISSUER = `https://login.microsoftonline.com/${TENANT_ID.replace(/^c0ffee00/, '0badc0de')}/v2.0`;
