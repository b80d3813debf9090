// Assertions shared by the acceptance tests: Graph's error body and the headers every response carries.
import { expect } from 'chai';
import type { Response } from 'supertest';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function expectGraphHeaders(response: Response): void {
  expect(response.headers['odata-version']).to.equal('4.0');
  expect(response.headers['request-id']).to.match(GUID);
}

/** A Graph error body with the given status and code, its request-id matching the header, no internals. */
export function expectGraphError(response: Response, status: number, code: string): Record<string, unknown> {
  expect(response.status, JSON.stringify(response.body)).to.equal(status);
  expectGraphHeaders(response);
  expect(response.headers['content-type']).to.match(/^application\/json;odata\.metadata=minimal/);
  const error = response.body.error as Record<string, unknown>;
  expect(error.code).to.equal(code);
  expect(error.message).to.be.a('string').and.not.match(/\bat .+:\d+:\d+|SELECT|INSERT|SQLITE|node_modules/);
  expect(error).to.not.have.property('stack');
  const innerError = error.innerError as Record<string, unknown>;
  expect(innerError['request-id']).to.equal(response.headers['request-id']);
  expect(innerError.date).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  return error;
}

/** The response body without the values that change on every call (id, service-set timestamps). */
export function withoutVolatile(body: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, creationDateTime: _created, ...stable } = body;
  return stable;
}

/** The request is refused with 400 and a Graph error body, and the row count is the same after it as before. */
export async function expectRefusedWithoutWrite(
  gateway: { countEvents(): Promise<number> }, send: () => Promise<Response>,
): Promise<Record<string, unknown>> {
  const before = await gateway.countEvents();
  const error = expectGraphError(await send(), 400, 'badRequest');
  expect(await gateway.countEvents(), 'rows after the refused request').to.equal(before);
  return error;
}
