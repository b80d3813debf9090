// Generative: random valid entities of every supported Edm type round-trip exactly through create → read on both engines;
// timestamps whose UTC instant falls outside 0001–9999 are refused with 400 and store nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import request from 'supertest';
import { supportedPrimitiveTypes } from '../../src/model/edm-primitive-types';
import { VALUE_CASES, timestampCase, type ValueCase } from '../support/edm-arbitraries';
import { runSettings, timeoutFor } from '../support/fast-check-settings';
import { expectGraphError } from '../support/graph-assertions';
import { addEverySupportedType } from '../persistence/test-model';
import { EVENTS, startTestGateway, TEST_ENGINES, writeVariantCsdl, type TestGateway } from '../support/test-gateway';

const RUNS = 60;
const TYPES = supportedPrimitiveTypes();
const SAMPLE_PROPERTIES = TYPES.map((type) => [`sample${type.slice('Edm.'.length)}`, type] as const);
const STRING_PROPERTIES = ['userName', 'userMail', 'roleName', 'requestType', 'additionalInformation'];

/** An entity with each sample property and a few string properties present or absent, and the values to expect back. */
const entityCase = fc.record(Object.fromEntries([
  ...SAMPLE_PROPERTIES.map(([name, type]) => [name, fc.option(VALUE_CASES[type], { nil: undefined })]),
  ...STRING_PROPERTIES.map((name) => [name, fc.option(VALUE_CASES['Edm.String'], { nil: undefined })]),
  ['expirationDateTime', fc.option(VALUE_CASES['Edm.DateTimeOffset'], { nil: undefined })],
]) as Record<string, fc.Arbitrary<ValueCase | undefined>>);

for (const engine of TEST_ENGINES) describe(`generative: entities round-trip exactly on ${engine}`, function () {
  this.timeout(timeoutFor(RUNS, 60_000));
  let directory: string;
  let gateway: TestGateway;
  before(async function () {
    directory = mkdtempSync(join(tmpdir(), 'round-trip-'));
    const [from, to] = addEverySupportedType(TYPES);
    const csdl = writeVariantCsdl(directory, (xml) => xml.replace(from, to));
    gateway = await startTestGateway({ engine, skip: () => this.skip(), env: { CSDL_FILE: csdl } });
  });
  after(async () => {
    await gateway?.dispose();
    rmSync(directory, { recursive: true, force: true });
  });

  it('create → read returns every value exactly as sent (in its canonical form)', async () => {
    await fc.assert(fc.asyncProperty(entityCase, async (entity) => {
      const present = Object.entries(entity).filter((entry): entry is [string, ValueCase] => entry[1] !== undefined);
      const body = Object.fromEntries(present.map(([name, value]) => [name, value.input]));
      const created = await request(gateway.app).post(EVENTS).send(body);
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      const read = await request(gateway.app).get(`${EVENTS}('${created.body.id}')`).expect(200);
      for (const [name, value] of present) {
        expect(created.body[name], `${name} in the 201`).to.deep.equal(value.wire);
        expect(read.body[name], `${name} read back`).to.deep.equal(value.wire);
      }
    }), runSettings(RUNS));
  });

  it('a timestamp is stored exactly when its UTC instant is in 0001–9999, and refused with 400 otherwise', async () => {
    const edges = timestampCase.filter((value) => value.input.startsWith('0001-01-01') || value.input.startsWith('9999-12-31'));
    await fc.assert(fc.asyncProperty(fc.oneof(timestampCase, edges), async ({ input, wire }) => {
      const before = await gateway.countEvents();
      const created = await request(gateway.app).post(EVENTS).send({ expirationDateTime: input });
      if (wire === undefined) {
        expectGraphError(created, 400, 'badRequest');
        expect(await gateway.countEvents()).to.equal(before);
        return;
      }
      expect(created.status, `${input}: ${JSON.stringify(created.body)}`).to.equal(201);
      expect(created.body.expirationDateTime).to.equal(wire);
      const found = await request(gateway.app)
        .get(`${EVENTS}?$filter=${encodeURIComponent(`expirationDateTime eq ${input} and id eq '${created.body.id}'`)}`).expect(200);
      expect(found.body.value.map((event: { expirationDateTime: string }) => event.expirationDateTime)).to.deep.equal([wire]);
    }), runSettings(RUNS * 2));
  });
});
