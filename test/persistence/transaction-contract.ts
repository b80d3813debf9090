// EntityStore.inTransaction on every engine: all or nothing; calls from other async contexts never land inside an open
// transaction (the SQLite hazard of one shared connection), nor see its writes; the time bound; two stores share nothing.
import { expect } from 'chai';
import { TransactionEndedError, TransactionTimeoutError } from '../../src/persistence/transaction-context';
import type { EntityStore } from '../../src/persistence/entity-store';
import { useFreshDatabase, type TestDatabaseFactory } from './store-harness';
import { graphBetaModel, privilegedOperationEvents, toStored } from './test-model';
import { openEntityStore } from '../../src/persistence/entity-store';

const events = privilegedOperationEvents(graphBetaModel());
const event = (id: string) => toStored(events, { id, userName: `user ${id}` });
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const refused = () => { throw new Error('precondition refused'); };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

export function describeTransactionContract(engine: 'sqlite' | 'postgres', newDatabase: TestDatabaseFactory): void {
  describe(`EntityStore.inTransaction on ${engine}`, () => {
    const harness = useFreshDatabase(newDatabase);

    it('commits every write of work that resolves, and none of work that rejects (its error rethrown)', async () => {
      const store = await harness.open();
      expect(await store.inTransaction(async () => { await store.insert(events, event('a')); await store.insert(events, event('b')); return 'done'; })).to.equal('done');
      const failure = new Error('work failed');
      expect(await rejection(store.inTransaction(async () => { await store.insert(events, event('c')); await store.insert(events, event('d')); throw failure; }))).to.equal(failure);
      expect(await store.count(events)).to.equal(2);
      expect(await store.findByKey(events, 'c')).to.equal(undefined);
    });

    it('keeps a write made from another async context while a transaction is open and then rolls back; reads outside never see its writes', async () => {
      const store = await harness.open();
      let release!: () => void;
      const held = new Promise<void>((resolve) => { release = resolve; });
      let inside!: () => void;
      const written = new Promise<void>((resolve) => { inside = resolve; });
      const transaction = store.inTransaction(async () => {
        await store.insert(events, event('inside'));
        inside();
        await held;
        throw new Error('roll back');
      });
      await written;
      const single = store.insert(events, event('single'));
      const read = store.findByKey(events, 'inside');
      await delay(30);
      release();
      await rejection(transaction);
      expect(await single, 'the single insert is acknowledged').to.include({ id: 'single' });
      expect(await read, 'a read outside the transaction').to.equal(undefined);
      expect([await store.findByKey(events, 'single') !== undefined, await store.findByKey(events, 'inside')]).to.deep.equal([true, undefined]);
    });

    it('never loses an acknowledged insert that runs beside an update or delete whose precondition refuses (rolled back)', async () => {
      const store = await harness.open();
      await store.insert(events, event('target'));
      const acknowledged: string[] = [];
      for (let round = 0; round < 40; round += 1) {
        const update = (round % 2 === 0
          ? store.update(events, 'target', { userName: 'never' }, refused)
          : store.delete(events, 'target', refused)).catch((error: unknown) => error);
        // Each round lets the insert start a different number of turns later: one of them lands mid-transaction.
        for (let turn = 0; turn < round % 20; turn += 1) await (round >= 20 ? new Promise((resolve) => setImmediate(resolve)) : Promise.resolve());
        const id = `beside-${round}`;
        const insert = store.insert(events, event(id)).then(() => acknowledged.push(id));
        await Promise.allSettled([update, insert]);
      }
      expect(acknowledged).to.have.length(40);
      expect(await store.count(events), 'every acknowledged insert is stored').to.equal(41);
      expect((await store.findByKey(events, 'target'))!.userName).to.equal('user target');
    });

    it('does not commit after a failed statement, even when the work caught its error (PostgreSQL could not)', async () => {
      const store = await harness.open();
      await store.insert(events, event('taken'));
      const error = await rejection(store.inTransaction(async () => {
        await store.insert(events, event('kept-if-committed'));
        await store.insert(events, event('taken')).catch(() => undefined);
        return 'resolved';
      }));
      expect(String((error as { code?: string }).code ?? error)).to.match(/23505|SQLITE_CONSTRAINT/);
      expect(await store.findByKey(events, 'kept-if-committed')).to.equal(undefined);
    });

    it('runs the calls a transaction makes concurrently, and nested transactions join it', async () => {
      const store = await harness.open();
      await rejection(store.inTransaction(async () => {
        await Promise.all(['p1', 'p2', 'p3'].map((id) => store.insert(events, event(id))));
        await store.inTransaction(async () => store.insert(events, event('nested')));
        expect(await store.count(events), 'its own writes, inside').to.equal(4);
        throw new Error('roll back all four');
      }));
      expect(await store.count(events)).to.equal(0);
    });

    it('rolls back work still running after timeoutMs; its later calls fail and run nowhere; other calls go on', async () => {
      const store = await harness.open();
      let late: Promise<unknown> | undefined;
      const error = await rejection(store.inTransaction(async () => {
        await store.insert(events, event('before-timeout'));
        await delay(150);
        late = store.insert(events, event('after-timeout'));
        await late;
      }, { timeoutMs: 40 }));
      expect(error).to.be.instanceOf(TransactionTimeoutError);
      expect(await store.insert(events, event('next')), 'the store is free again').to.include({ id: 'next' });
      await delay(150);
      expect(await rejection(late!)).to.be.instanceOf(TransactionEndedError);
      expect(await store.count(events)).to.equal(1);
    });

    it('is per store: a call to another store inside one store\'s transaction is not part of it', async function () {
      const store = await harness.open();
      const other = await newDatabase();
      if (!other) this.skip();
      let second: EntityStore | undefined;
      try {
        second = await openEntityStore(graphBetaModel(), other.config);
        const secondStore = second;
        await rejection(store.inTransaction(async () => {
          await store.insert(events, event('first-store'));
          await secondStore.insert(events, event('second-store'));
          await secondStore.inTransaction(async () => secondStore.insert(events, event('second-store-own')));
          throw new Error('roll back the first store only');
        }));
        expect([await store.count(events), await secondStore.count(events)]).to.deep.equal([0, 2]);
      } finally {
        await second?.close();
        await other.drop();
      }
    });
  });
}
