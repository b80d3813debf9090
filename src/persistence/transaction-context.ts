// The transaction a store call belongs to, carried through the async calls made on its behalf by an AsyncLocalStorage
// of one store (two stores in one process share nothing), and the time bound of that transaction.
import { AsyncLocalStorage } from 'node:async_hooks';

/** Longest a transaction of `EntityStore.inTransaction` stays open when the caller sets no bound. */
export const DEFAULT_TRANSACTION_TIMEOUT_MS = 10_000;

/** The transaction ran out of time and was rolled back. */
export class TransactionTimeoutError extends Error {
  readonly code = 'ETRANSACTIONTIMEOUT';
  constructor(readonly timeoutMs: number) {
    super(`the transaction was still open after ${timeoutMs} ms and was rolled back`);
    this.name = 'TransactionTimeoutError';
  }
}

/** A call made on behalf of a transaction that has already ended (timed out, committed or rolled back). */
export class TransactionEndedError extends Error {
  readonly code = 'ETRANSACTIONENDED';
  constructor() {
    super('the transaction this call belongs to has already ended');
    this.name = 'TransactionEndedError';
  }
}

interface Handle<C> {
  readonly connection: C;
  open: boolean;
  /** The first statement error: PostgreSQL cannot commit after one (COMMIT would silently roll back), nor does SQLite here. */
  failure?: { readonly error: unknown };
}

export interface TransactionContext<C> {
  /**
   * The connection of the transaction the calling async context belongs to, undefined outside one. Throws
   * TransactionEndedError when that transaction has ended, so that a late call never runs outside it.
   */
  current(): C | undefined;
  /** Runs a statement of the current transaction; when it fails, the transaction will not commit (see `run`). */
  statement<T>(run: () => Promise<T>): Promise<T>;
  /**
   * Runs `work` as the transaction on `connection`; rejects with TransactionTimeoutError after `timeoutMs`, and with
   * the error of a failed statement even when `work` caught it and resolved.
   */
  run<T>(connection: C, work: () => Promise<T>, timeoutMs: number): Promise<T>;
}

export function createTransactionContext<C>(): TransactionContext<C> {
  const storage = new AsyncLocalStorage<Handle<C>>();
  // An enabled AsyncLocalStorage installs Node's promise hooks, which every promise of the process then pays (≈3–5 %
  // of a GET or POST served after the first transaction, bench/README.md "Sixth pass"). So it is enabled only while the
  // work of a transaction is unsettled (a timed-out work included: its late calls must still find their ended handle).
  let unsettled = 0;
  const settled = () => {
    unsettled -= 1;
    if (unsettled === 0) storage.disable();
  };
  return {
    current() {
      const handle = storage.getStore();
      if (handle === undefined) return undefined;
      if (!handle.open) throw new TransactionEndedError();
      return handle.connection;
    },
    async statement(run) {
      try {
        return await run();
      } catch (error) {
        const handle = storage.getStore();
        if (handle !== undefined) handle.failure ??= { error };
        throw error;
      }
    },
    async run(connection, work, timeoutMs) {
      const handle: Handle<C> = { connection, open: true };
      unsettled += 1;
      const running = storage.run(handle, async () => work()); // a work that throws at once rejects too
      running.then(settled, settled);
      try {
        const result = await bounded(running, timeoutMs);
        if (handle.failure !== undefined) throw handle.failure.error;
        return result;
      } finally {
        handle.open = false;
      }
    },
  };
}

function bounded<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TransactionTimeoutError(timeoutMs)), timeoutMs);
  });
  // Work still running when the time is up fails later (its calls throw TransactionEndedError): not unhandled.
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
