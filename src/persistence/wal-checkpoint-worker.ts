// The worker thread of wal-checkpointer: its own connection to the SQLite file, a PASSIVE checkpoint every interval,
// closed on 'stop'. A failed checkpoint (the file busy, gone) is tried again at the next interval.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const { file, intervalMs } = workerData as { file: string; intervalMs: number };
const db = new Database(file, { fileMustExist: true });
db.pragma('cache_size = 16'); // a checkpoint copies WAL frames without the page cache; reads here are the WAL index only
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch { /* next interval */ }
}, intervalMs);
parentPort?.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
