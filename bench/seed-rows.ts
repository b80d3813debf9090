// The seeded rows, derived from their index alone, so workloads can name existing keys without reading the table.
import { createHash } from 'node:crypto';

/** Bump when the generated rows change, so cached tables are rebuilt. */
export const SEED_FORMAT = 'seed-rows-v1';

export const REQUEST_TYPES = ['Activate', 'Deactivate', 'Assign', 'Remove', 'Extend', 'Renew', 'Approve', 'Deny'] as const;

/** Creation times are spread evenly over one year, whatever the row count. */
export const SEED_START_MS = Date.UTC(2025, 0, 1);
export const SEED_DAYS = 365;
const SPAN_MICROS = SEED_DAYS * 86_400 * 1_000_000;

/** A random-looking version-4 style UUID, the same for the same index on every run. */
export function seedKey(index: number): string {
  const hex = createHash('md5').update(`privilegedOperationEvent-${index}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The stored Edm.DateTimeOffset text of the gateway: fixed-width UTC, 6 fractional digits (`…SS.ffffffZ`). */
export function sortableTimestamp(epochMicros: number): string {
  const millis = Math.floor(epochMicros / 1000);
  const micros = String(epochMicros % 1_000_000).padStart(6, '0');
  return `${new Date(millis).toISOString().slice(0, 19)}.${micros}0Z`; // the gateway's stored form at Precision 7
}

/** Row `index` of `rows`: in creation-time order, as a table filled over a year would be. */
export function seedRow(index: number, rows: number): Record<string, string | null> {
  const createdMicros = SEED_START_MS * 1000 + Math.floor((index * SPAN_MICROS) / rows);
  const user = index % 997;
  const role = index % 31;
  return {
    id: seedKey(index),
    additionalInformation: null,
    creationDateTime: sortableTimestamp(createdMicros),
    expirationDateTime: sortableTimestamp(createdMicros + 8 * 3600 * 1_000_000),
    referenceKey: null,
    referenceSystem: null,
    requestorId: `requestor-${user}`,
    requestorName: `Requestor ${user}`,
    requestType: REQUEST_TYPES[index % REQUEST_TYPES.length],
    roleId: `62e90394-69f5-4237-9190-0123456789${String(role).padStart(2, '0')}`,
    roleName: `Role ${role}`,
    tenantId: 'b7a1f6f2-8f3e-4c5d-9a0b-1c2d3e4f5a6b',
    userId: `4a9c9d11-1e27-4f3e-8d5a-0000000${String(user).padStart(5, '0')}`,
    userMail: `user${user}@contoso.com`,
    userName: `User ${user}`,
  };
}
