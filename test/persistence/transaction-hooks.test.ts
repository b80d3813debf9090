// The transaction context's AsyncLocalStorage is enabled only while a transaction's work is unsettled: enabled, it
// installs Node's promise hooks, which every promise of the process pays. Promise callbacks get an async id of their
// own only while those hooks are installed (Node's async_hooks documentation, "Promise execution tracking"), so the
// child process below reads the hooks' state from executionAsyncId. A child, so that nothing else of the suite has
// hooks installed.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';

const script = (contextModule: string) => `
const { executionAsyncId } = require('node:async_hooks');
const { createTransactionContext, TransactionEndedError } = require(${JSON.stringify(contextModule)});
const idOfCallback = () => Promise.resolve().then(() => executionAsyncId());
const hooked = async () => (await idOfCallback()) !== (await idOfCallback()); // each promise its own id only when hooked
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
(async () => {
  const context = createTransactionContext();
  const seen = { before: await hooked() };
  await context.run('c', async () => { seen.during = await hooked(); seen.current = context.current(); }, 1000);
  seen.after = await hooked();
  let release;
  const late = context.run('c', () => new Promise((resolve) => { release = resolve; }).then(() => {
    try { context.current(); seen.lateCall = 'ran'; } catch (error) { seen.lateCall = error instanceof TransactionEndedError ? 'ended' : String(error); }
  }), 20).catch((error) => error.name);
  seen.timedOut = await late;
  seen.whileTimedOutWorkRuns = await hooked();
  release();
  await pause(20);
  seen.afterTimedOutWork = await hooked();
  await context.run('c', () => { throw new Error('at once'); }, 1000).catch(() => undefined);
  seen.afterSyncThrow = await hooked();
  process.stdout.write(JSON.stringify(seen));
})();`;

describe('transaction context and promise hooks', () => {
  it('installs the hooks only while a transaction works, a timed-out one until its work settles', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script(require.resolve('../../src/persistence/transaction-context'))]);
    expect(JSON.parse(stdout)).to.deep.equal({
      before: false, during: true, current: 'c', after: false,
      timedOut: 'TransactionTimeoutError', whileTimedOutWorkRuns: true, lateCall: 'ended', afterTimedOutWork: false, afterSyncThrow: false,
    });
  });
});
