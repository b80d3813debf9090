// The behaviour every EntityStore engine must show: inserts, reads, counts, commits and reopening.
import { expect } from 'chai';
import { graphBetaModel, privilegedOperationEvents, toStored } from './test-model';
import { useFreshDatabase, type TestDatabaseFactory } from './store-harness';

const model = graphBetaModel();
const events = privilegedOperationEvents(model);

/** Every property of privilegedOperationEvent, in wire form. */
export const FULL_EVENT: Readonly<Record<string, unknown>> = {
  id: 'a3f1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b',
  additionalInformation: 'Activated for change CHG0012345',
  creationDateTime: '2026-11-03T10:15:30.123456Z',
  expirationDateTime: '2026-11-03T18:15:30Z',
  referenceKey: 'CHG0012345',
  referenceSystem: 'ServiceNow',
  requestorId: '5f1b9d0e-2c3a-4b5d-8e6f-7a8b9c0d1e2f',
  requestorName: 'Megan Bowen',
  requestType: 'Activate',
  roleId: '62e90394-69f5-4237-9190-012177145e10',
  roleName: 'Global Administrator',
  tenantId: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b',
  userId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  userMail: 'AlexW@contoso.onmicrosoft.com',
  userName: 'Alex Wilber',
};

const allNullExcept = (entity: Readonly<Record<string, unknown>>) => ({
  ...Object.fromEntries(events.entityType.properties.map((property) => [property.name, null])),
  ...entity,
});

export function describeStoreContract(engine: 'sqlite' | 'postgres', newDatabase: TestDatabaseFactory): void {
  describe(`EntityStore contract on ${engine}`, () => {
    const harness = useFreshDatabase(newDatabase);

    it('reports the engine it was opened on', async () => {
      expect((await harness.open()).engine).to.equal(engine);
    });

    it('insert resolves to the entity with every property of the type, absent ones null', async () => {
      const store = await harness.open();
      const inserted = await store.insert(events, toStored(events, { id: 'e1', userName: 'Alex Wilber' }));
      expect(inserted).to.deep.equal(allNullExcept({ id: 'e1', userName: 'Alex Wilber' }));
    });

    it('findByKey returns an entity inserted with every property exactly as inserted', async () => {
      const store = await harness.open();
      await store.insert(events, toStored(events, FULL_EVENT));
      expect(await store.findByKey(events, FULL_EVENT.id as string)).to.deep.equal(FULL_EVENT);
    });

    it('findByKey returns the properties that were not inserted as null', async () => {
      const store = await harness.open();
      await store.insert(events, toStored(events, { id: 'e1', roleName: 'Security Reader', expirationDateTime: '2026-11-04T00:00:00Z' }));
      expect(await store.findByKey(events, 'e1')).to.deep.equal(
        allNullExcept({ id: 'e1', roleName: 'Security Reader', expirationDateTime: '2026-11-04T00:00:00Z' }),
      );
    });

    it('DateTimeOffset values keep all six fractional digits through the database', async () => {
      const store = await harness.open();
      const times = { creationDateTime: '2026-11-03T10:15:30.000001Z', expirationDateTime: '2026-11-03T12:15:30.999999+02:00' };
      await store.insert(events, toStored(events, { id: 'e1', ...times }));
      const found = await store.findByKey(events, 'e1');
      expect([found?.creationDateTime, found?.expirationDateTime]).to.deep.equal(['2026-11-03T10:15:30.000001Z', '2026-11-03T10:15:30.999999Z']);
    });

    it('findByKey resolves to undefined for a key that was never stored', async () => {
      const store = await harness.open();
      await store.insert(events, toStored(events, { id: 'e1' }));
      expect(await store.findByKey(events, 'e2')).to.equal(undefined);
    });

    it('count returns the number of stored rows', async () => {
      const store = await harness.open();
      for (const id of ['e1', 'e2', 'e3']) await store.insert(events, toStored(events, { id }));
      expect(await store.count(events)).to.equal(3);
    });

    it('inserting an existing key rejects and leaves the stored entity unchanged', async () => {
      const store = await harness.open();
      await store.insert(events, toStored(events, FULL_EVENT));
      const duplicate = await store.insert(events, toStored(events, { id: FULL_EVENT.id, userName: 'Someone Else' })).then(() => undefined, (error: unknown) => error);
      expect(duplicate).to.be.instanceOf(Error);
      expect([await store.count(events), await store.findByKey(events, FULL_EVENT.id as string)]).to.deep.equal([1, FULL_EVENT]);
    });

    it('an entity is visible to a second store on the same database as soon as insert resolves', async () => {
      const writer = await harness.open();
      const reader = await harness.open();
      await writer.insert(events, toStored(events, FULL_EVENT));
      expect(await reader.findByKey(events, FULL_EVENT.id as string)).to.deep.equal(FULL_EVENT);
    });

    it('entities stored before close are found after reopening the database', async () => {
      const first = await harness.open();
      await first.insert(events, toStored(events, FULL_EVENT));
      await first.close();
      const reopened = await harness.open();
      expect(await reopened.findByKey(events, FULL_EVENT.id as string)).to.deep.equal(FULL_EVENT);
    });
  });
}
