// A deterministic set of privilegedOperationEvents for the query tests, generated from a seeded PRNG, rich in the values SQL gets wrong.
import { resolve } from 'node:path';
import { readCsdl } from '../../src/model/read-csdl';
import type { EntitySet } from '../../src/model/service-model';
import { REPO_ROOT } from './shared-odata-dir';

/** An entity as JSON (wire) values: strings, and DateTimeOffset values as `…Z` text. */
export type EventRow = Readonly<Record<string, string | null>>;

export function privilegedOperationEvents(): EntitySet {
  const model = readCsdl(resolve(REPO_ROOT, 'metadata/graph-beta.xml'));
  const set = model.entitySets.find((candidate) => candidate.name === 'privilegedOperationEvents');
  if (!set) throw new Error('metadata/graph-beta.xml has no privilegedOperationEvents');
  return set;
}

const REQUEST_TYPES = ['Assign', 'Activate', 'Unassign', 'Deactivate', 'ScanAlersNow', 'DismissAlert', 'FixAlertItem',
  'AccessReview_Review', 'AccessReview_Create', 'assign', 'ASSIGN', null, null];
// Case folding beyond ASCII, astral and private-use code points, Unicode whitespace, quotes, LIKE wildcards, empty text
const NAMES = ['Alice', 'alice', 'ALICE', 'Bob', 'bob smith', 'Émile Zola', 'émile', 'Straße', 'STRASSE', 'İstanbul', 'ıi',
  '😀 smile', '\uFFFD', '\uE000private', 'Zoë', ' padded ', '\tTab\t', '\u3000ideo\u3000', '\u00A0nbsp\u00A0', '\u0085nel',
  "O'Neil", '50% off', 'a_b', 'back\\slash', '', 'Ab', 'aB', 'x', 'Zz', null, null, null];
const ROLES = ['Global Administrator', 'Security Reader', 'User Administrator', 'Privileged Role Administrator', 'Reader', null];
const WORDS = ['blue', 'Blue', 'green', 'sea', 'green sea', 'BLUE', 'red', 'ÉCLAIR', 'éclair', 'review', 'alert'];

/** Mulberry32: small, fast and the same on every platform. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function buildEvents(count = 240, seed = 20261129): EventRow[] {
  const next = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];
  const hex = (length: number) => Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join('');
  const guid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
  const instants: string[] = [];
  return Array.from({ length: count }, (_, index) => {
    const created = next() < 0.06 ? null : timestamp(next, instants);
    const userName = pick(NAMES);
    return {
      id: guid(),
      additionalInformation: next() < 0.3 ? null : `${pick(WORDS)} ${pick(WORDS)} #${index}`,
      creationDateTime: created,
      expirationDateTime: created === null || next() < 0.4 ? null : timestamp(next, instants),
      referenceKey: next() < 0.7 ? null : `REF-${hex(4).toUpperCase()}`,
      referenceSystem: next() < 0.7 ? null : pick(['ServiceNow', 'servicenow', 'Jira']),
      requestorId: guid(),
      requestorName: pick(NAMES),
      requestType: pick(REQUEST_TYPES),
      roleId: next() < 0.1 ? null : guid(),
      roleName: pick(ROLES),
      tenantId: pick(['8c3f2a4b-0000-4000-8000-000000000001', '8c3f2a4b-0000-4000-8000-000000000002']),
      userId: next() < 0.1 ? null : guid(),
      userMail: userName === null ? null : `${userName.replace(/[^A-Za-z]/g, '').toLowerCase() || 'user'}@contoso.com`,
      userName,
    };
  });
}

/** UTC instants from 2016 to 2026 with microseconds; a fifth repeat an earlier instant (ties), some sit on day boundaries. */
function timestamp(next: () => number, earlier: string[]): string {
  if (earlier.length > 0 && next() < 0.2) return earlier[Math.floor(next() * earlier.length)];
  const millis = Date.UTC(2016, 0, 1) + Math.floor(next() * 10 * 365 * 86_400_000);
  const boundary = next();
  const date = new Date(boundary < 0.05 ? Math.floor(millis / 86_400_000) * 86_400_000 : boundary < 0.1 ? Math.floor(millis / 86_400_000) * 86_400_000 + 86_399_999 : millis);
  const micros = boundary < 0.05 ? '' : String(Math.floor(next() * 1000)).padStart(3, '0');
  const fraction = `${date.toISOString().slice(20, 23)}${micros}`.replace(/0+$/, '');
  const text = `${date.toISOString().slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
  earlier.push(text);
  return text;
}
