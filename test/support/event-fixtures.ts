// A deterministic set of privilegedOperationEvents for read tests, and a seeder that creates them over HTTP.
import request from 'supertest';
import type { Express } from 'express';
import { EVENTS } from './test-gateway';

/** Graph's documented requestType values (sic: ScanAlersNow). */
export const REQUEST_TYPES = ['Assign', 'Activate', 'Unassign', 'Deactivate', 'ScanAlersNow', 'DismissAlert', 'AccessReview_Review'];

export interface EventFixture {
  readonly requestType: string;
  readonly creationDateTime: string;
  readonly userName: string;
  readonly roleName: string;
}

/** `count` events, every 31 hours from 2017-06-20T00:00:00Z, cycling through request types; some share a timestamp. */
export function buildEventFixtures(count: number): EventFixture[] {
  const start = Date.parse('2017-06-20T00:00:00Z');
  return Array.from({ length: count }, (_, index) => ({
    requestType: REQUEST_TYPES[index % REQUEST_TYPES.length],
    // every fifth event repeats the previous timestamp, so that ordering ties are broken by id
    creationDateTime: new Date(start + (index - (index % 5 === 4 ? 1 : 0)) * 31 * 3600_000).toISOString().replace('.000Z', 'Z'),
    userName: `User ${String(index).padStart(3, '0')}`,
    roleName: index % 3 === 0 ? 'Global Administrator' : 'Security Reader',
  }));
}

export type SeededEvent = EventFixture & { readonly id: string };

/** Creates each fixture through POST and returns them with the ids the service gave. */
export async function seedEvents(app: Express, fixtures: readonly EventFixture[]): Promise<SeededEvent[]> {
  const seeded: SeededEvent[] = [];
  for (const fixture of fixtures) {
    const response = await request(app).post(EVENTS).send(fixture).expect(201);
    seeded.push({ ...fixture, id: response.body.id as string });
  }
  return seeded;
}

/** Newest first, ties by id ascending: the service's order for `$orderby=creationDateTime desc`. */
export function newestFirst(a: SeededEvent, b: SeededEvent): number {
  return b.creationDateTime.localeCompare(a.creationDateTime) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
