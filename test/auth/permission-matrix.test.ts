// Every operation × every kind of token, on both engines, for the shipped CSDL and a permissive one: the status its
// annotations imply, with real signed tokens through the real strategy, rows counted before and after each request.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import request, { type Response } from 'supertest';
import type { EntitySet } from '../../src/model/service-model';
import { startAuthGateway, type AuthTestGateway } from '../support/auth-gateway';
import { createSigningKey, startIdentityProvider, type IdentityProvider, type SigningKey } from '../support/auth-identity-provider';
import { TENANT_ID, signToken } from '../support/auth-tokens';
import { expectGraphError } from '../support/graph-assertions';
import { PUBLIC_URL, TEST_ENGINES, temporaryDirectory, writeCsdlFixture } from '../support/test-gateway';
import { FOREIGN_ISSUER, PERMISSIVE, SHIPPED, type SetUnderTest, type TokenKind } from './permission-expectations';

const OPERATIONS = ['read', 'create', 'update', 'delete'] as const;
const SUCCESS_EVENTS = { create: 'entity.created', update: 'entity.updated', delete: 'entity.deleted' } as const;

interface Written { readonly event: string; readonly entitySet: string; readonly key: string; readonly operation: string; readonly callerAppId: string }

for (const matrix of [SHIPPED, PERMISSIVE]) for (const engine of TEST_ENGINES) describe(`who may do what: ${matrix.title}, on ${engine}`, () => {
  let provider: IdentityProvider;
  let key: SigningKey;
  let impostor: SigningKey;
  let gateway: AuthTestGateway;
  const directory = temporaryDirectory();
  const tokens: string[] = [];
  const written: Written[] = [];
  before(async function () {
    key = await createSigningKey('matrix-key');
    impostor = await createSigningKey('matrix-key'); // same kid, a key the tenant does not publish
    provider = await startIdentityProvider(TENANT_ID, [key]);
    const env: Record<string, string> = matrix.fixture ? { CSDL_FILE: writeCsdlFixture(directory, matrix.fixture) } : {};
    gateway = await startAuthGateway(provider, { engine, env, skip: () => this.skip() });
  });
  after(async () => {
    await gateway?.dispose();
    await provider?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function authorization(token: TokenKind): Promise<string | undefined> {
    if (token.flaw === 'missing') return undefined;
    const claims = token.flaw === 'foreign issuer' ? { ...token.claims, iss: FOREIGN_ISSUER } : token.claims;
    const signed = await signToken(token.flaw === 'foreign key' ? impostor : key, claims, token.flaw === 'expired' ? { expiresIn: -600 } : {});
    tokens.push(signed);
    return `Bearer ${signed}`;
  }

  /** Sends the operation on a fresh entity; checks the rows and the entity the store holds afterwards. */
  async function attempt(set: EntitySet, spec: SetUnderTest, operation: (typeof OPERATIONS)[number], token: TokenKind): Promise<Response> {
    const existing = await gateway.store.insert(set, { ...spec.body, id: randomUUID() });
    const id = String(existing.id);
    const path = `/beta/${set.name}('${id}')`;
    const header = await authorization(token);
    const before = await gateway.store.count(set);
    const send = (req: request.Test) => (header === undefined ? req : req.set('Authorization', header));
    const changed = `changed by ${token.name}`;
    const response = await send({
      read: () => request(gateway.app).get(path),
      create: () => request(gateway.app).post(`/beta/${set.name}`).send(spec.body),
      update: () => request(gateway.app).patch(path).send({ [spec.changes]: changed }),
      delete: () => request(gateway.app).delete(path),
    }[operation]());
    const succeeded = response.status >= 200 && response.status < 300;
    const rows = await gateway.store.count(set);
    expect(rows - before, 'rows added').to.equal(operation === 'create' && succeeded ? 1 : operation === 'delete' && succeeded ? -1 : 0);
    const stored = await gateway.store.findByKey(set, id);
    if (operation === 'delete') expect(stored === undefined, 'the entity is gone').to.equal(succeeded);
    else expect(stored?.[spec.changes], 'the stored value').to.equal(operation === 'update' && succeeded ? changed : existing[spec.changes]);
    if (succeeded && operation !== 'read') {
      const writtenKey = operation === 'create' ? String(response.body.id) : id;
      written.push({ event: SUCCESS_EVENTS[operation], entitySet: set.name, key: writtenKey, operation, callerAppId: String(token.claims.azp ?? token.claims.appid) });
    }
    return response;
  }

  function expectStatus(response: Response, expected: number): void {
    if (expected === 401) {
      expectGraphError(response, 401, 'InvalidAuthenticationToken');
      expect(response.headers['www-authenticate']).to.match(new RegExp(`^Bearer realm="${PUBLIC_URL}"`));
    } else if (expected === 403) {
      expectGraphError(response, 403, 'accessDenied');
      expect(response.headers['www-authenticate']).to.equal(`Bearer realm="${PUBLIC_URL}", error="insufficient_scope"`);
    } else if (expected === 405) {
      expectGraphError(response, 405, 'methodNotAllowed');
    } else {
      expect(response.status, response.text).to.equal(expected);
    }
  }

  for (const [token, ...statuses] of matrix.rows) {
    matrix.sets.forEach((spec, index) => {
      it(`${token.name}: ${spec.name} read/create/update/delete → ${statuses[index]!.join('/')}`, async () => {
        const set = gateway.model.entitySets.find((candidate) => candidate.name === spec.name)!;
        const answered: number[] = [];
        for (const [position, operation] of OPERATIONS.entries()) {
          const response = await attempt(set, spec, operation, token);
          answered.push(response.status);
          expectStatus(response, statuses[index]![position]!);
        }
        expect(answered).to.deep.equal([...statuses[index]!]);
      });
    });
  }

  it('logged each write with its set, key, operation and caller app id, and no token', () => {
    const lines = gateway.logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(written).to.not.be.empty;
    for (const write of written) {
      const line = lines.find((entry) => entry.event === write.event && entry.key === write.key);
      expect(line, `${write.event} ${write.entitySet} ${write.key}`).to.include({
        level: 'info', entitySet: write.entitySet, callerAppId: write.callerAppId, operation: write.operation,
      });
    }
    const log = gateway.logLines.join('\n');
    for (const token of tokens) expect(log).to.not.contain(token.split('.')[1]);
  });
});
