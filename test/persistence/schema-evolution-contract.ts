// The start-up schema rules every engine must follow: additive CSDL changes applied, destructive ones refused.
import { expect } from 'chai';
import type { ServiceModel } from '../../src/model/service-model';
import { SchemaMismatchError } from '../../src/persistence/schema-mismatch-error';
import { FULL_EVENT } from './store-contract';
import { useFreshDatabase, type StoreHarness, type TestDatabaseFactory } from './store-harness';
import {
  ADD_NULLABLE_TICKET_NUMBER, ADD_REQUIRED_TICKET_NUMBER, KEY_ON_TENANT_ID, REFERENCE_KEY_REQUIRED, REMOVE_USER_NAME,
  ROLE_ID_AS_INT32, graphBetaModel, privilegedOperationEvents, toStored,
} from './test-model';

const original = graphBetaModel();
const events = privilegedOperationEvents(original);
const TABLE = "table 'privilegedOperationEvents'";

/** Stores FULL_EVENT with the original model and closes the store. */
async function storeOneEvent(harness: StoreHarness): Promise<void> {
  const store = await harness.open(original);
  await store.insert(events, toStored(events, FULL_EVENT));
  await store.close();
}

async function refusal(harness: StoreHarness, model: ServiceModel): Promise<SchemaMismatchError> {
  const error = await harness.open(model).then(() => undefined, (reason: unknown) => reason);
  expect(error).to.be.instanceOf(SchemaMismatchError);
  return error as SchemaMismatchError;
}

export function describeSchemaEvolutionContract(engine: 'sqlite' | 'postgres', newDatabase: TestDatabaseFactory): void {
  describe(`start-up schema rules on ${engine}`, () => {
    const harness = useFreshDatabase(newDatabase);

    it('a new nullable property adds its column and older entities read it back as null', async () => {
      await storeOneEvent(harness);
      const evolved = graphBetaModel(ADD_NULLABLE_TICKET_NUMBER);
      const store = await harness.open(evolved);
      expect(await store.findByKey(privilegedOperationEvents(evolved), FULL_EVENT.id as string)).to.deep.equal({ ...FULL_EVENT, ticketNumber: null });
    });

    it('a new nullable property stores values after the column is added', async () => {
      await storeOneEvent(harness);
      const evolved = graphBetaModel(ADD_NULLABLE_TICKET_NUMBER);
      const evolvedEvents = privilegedOperationEvents(evolved);
      const store = await harness.open(evolved);
      await store.insert(evolvedEvents, toStored(evolvedEvents, { id: 'e2', ticketNumber: 'INC42' }));
      expect((await store.findByKey(evolvedEvents, 'e2'))?.ticketNumber).to.equal('INC42');
    });

    it('a new Nullable="false" property on an empty table adds a NOT NULL column', async () => {
      await (await harness.open(original)).close();
      const evolved = graphBetaModel(ADD_REQUIRED_TICKET_NUMBER);
      const evolvedEvents = privilegedOperationEvents(evolved);
      const store = await harness.open(evolved);
      const withoutValue = await store.insert(evolvedEvents, toStored(evolvedEvents, { id: 'e1' })).then(() => 'stored', () => 'refused');
      await store.insert(evolvedEvents, toStored(evolvedEvents, { id: 'e2', ticketNumber: 42 }));
      expect([withoutValue, (await store.findByKey(evolvedEvents, 'e2'))?.ticketNumber]).to.deep.equal(['refused', 42]);
    });

    it('a new Nullable="false" property on a table with rows stops start-up naming the column', async () => {
      await storeOneEvent(harness);
      const error = await refusal(harness, graphBetaModel(ADD_REQUIRED_TICKET_NUMBER));
      expect(error.message).to.contain(`${TABLE}, column 'ticketNumber' is missing; the model's property is Nullable="false" and the table already has rows`);
    });

    it('a property removed from the CSDL stops start-up naming the table, column and difference', async () => {
      await storeOneEvent(harness);
      const error = await refusal(harness, graphBetaModel(REMOVE_USER_NAME));
      expect(error.message).to.contain(`${TABLE}, column 'userName' (text) is in the table but not in the model: declare the property`);
    });

    it('a property removed from the CSDL leaves its column and values in place', async () => {
      await storeOneEvent(harness);
      await refusal(harness, graphBetaModel(REMOVE_USER_NAME));
      const store = await harness.open(original);
      expect(await store.findByKey(events, FULL_EVENT.id as string)).to.deep.equal(FULL_EVENT);
    });

    it('a changed property type stops start-up naming the column and both types', async () => {
      await storeOneEvent(harness);
      const error = await refusal(harness, graphBetaModel(ROLE_ID_AS_INT32));
      expect(error.message).to.contain(`${TABLE}, column 'roleId' has type text in the table but the model needs integer`);
    });

    it('a changed property type leaves the stored values unchanged', async () => {
      await storeOneEvent(harness);
      await refusal(harness, graphBetaModel(ROLE_ID_AS_INT32));
      const store = await harness.open(original);
      expect(await store.findByKey(events, FULL_EVENT.id as string)).to.deep.equal(FULL_EVENT);
    });

    it('a property made Nullable="false" stops start-up naming the column', async () => {
      await storeOneEvent(harness);
      const error = await refusal(harness, graphBetaModel(REFERENCE_KEY_REQUIRED));
      expect(error.message).to.contain(`${TABLE}, column 'referenceKey' allows NULL in the table but the model's property is Nullable="false"`);
    });

    it('a changed key stops start-up naming the new key column and the table\'s primary key', async () => {
      await storeOneEvent(harness);
      const error = await refusal(harness, graphBetaModel(...KEY_ON_TENANT_ID));
      expect(error.message).to.contain(`${TABLE}, column 'tenantId' is the model's key but the table's primary key is (id)`);
    });

    it('a refused start-up lists every difference in one error', async () => {
      await storeOneEvent(harness);
      const error = await refusal(harness, graphBetaModel(REMOVE_USER_NAME, ROLE_ID_AS_INT32));
      expect(error.differences.map(({ column }) => column)).to.deep.equal(['userName', 'roleId']);
    });

    it('a refused start-up does not add the new nullable columns of the same model', async () => {
      await storeOneEvent(harness);
      await refusal(harness, graphBetaModel(REMOVE_USER_NAME, ADD_NULLABLE_TICKET_NUMBER));
      const error = await refusal(harness, graphBetaModel(REMOVE_USER_NAME));
      expect(error.differences.map(({ column }) => column)).to.deep.equal(['userName']);
    });
  });
}
