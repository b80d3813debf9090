// Every Edm type of the type table through a real table: values round-trip and the created columns reopen unchanged.
import { expect } from 'chai';
import { supportedPrimitiveTypes } from '../../src/model/edm-primitive-types';
import { useFreshDatabase, type TestDatabaseFactory } from './store-harness';
import { addEverySupportedType, graphBetaModel, privilegedOperationEvents, toStored } from './test-model';

/** One telling value per type: range ends, sub-millisecond time, a value with no exact binary form. */
const SAMPLES: Readonly<Record<string, unknown>> = {
  'Edm.String': 'Zoë 🚀 \'quoted\'',
  'Edm.Boolean': false,
  'Edm.Int16': -32768,
  'Edm.Int32': 2147483647,
  'Edm.Int64': 9007199254740991,
  'Edm.Double': 0.1,
  'Edm.Guid': '8f0b4b7e-51a4-4b0d-9a2a-3c6f1e2d4b5a',
  'Edm.Date': '2026-02-28',
  'Edm.DateTimeOffset': '2026-11-03T10:15:30.000001Z',
};

function sampleEntity(): Record<string, unknown> {
  return Object.fromEntries(supportedPrimitiveTypes().map((type) => {
    if (!(type in SAMPLES)) throw new Error(`add a sample value for ${type} to the primitive types contract`);
    return [`sample${type.slice('Edm.'.length)}`, SAMPLES[type]];
  }));
}

export function describePrimitiveTypesContract(engine: 'sqlite' | 'postgres', newDatabase: TestDatabaseFactory): void {
  describe(`Edm primitive types on ${engine}`, () => {
    const harness = useFreshDatabase(newDatabase);
    const model = graphBetaModel(addEverySupportedType(supportedPrimitiveTypes()));
    const events = privilegedOperationEvents(model);

    it('a value of every supported Edm type reads back exactly as inserted', async () => {
      const store = await harness.open(model);
      await store.insert(events, toStored(events, { id: 'e1', ...sampleEntity() }));
      const found = await store.findByKey(events, 'e1');
      expect(Object.fromEntries(Object.keys(sampleEntity()).map((name) => [name, found?.[name]]))).to.deep.equal(sampleEntity());
    });

    it('insert resolves to the same entity findByKey returns, for every supported Edm type', async () => {
      const store = await harness.open(model);
      const inserted = await store.insert(events, toStored(events, { id: 'e1', ...sampleEntity() }));
      expect(inserted).to.deep.equal(await store.findByKey(events, 'e1'));
    });

    it('a table created with every supported Edm type opens again without a difference', async () => {
      await (await harness.open(model)).close();
      expect((await harness.open(model)).engine).to.equal(engine);
    });

    it('columns of every supported Edm type added to an existing table open again without a difference', async () => {
      await (await harness.open(graphBetaModel())).close();
      await (await harness.open(model)).close();
      expect((await harness.open(model)).engine).to.equal(engine);
    });
  });
}
