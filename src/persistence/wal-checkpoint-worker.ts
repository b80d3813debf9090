// The worker thread of wal-checkpointer: its own connection to the SQLite file, a PASSIVE checkpoint every interval,
// closed on 'stop'. A failed checkpoint (an I/O error) is tried again at the next interval; the first of a run of
// failures, or a file it cannot open (then it ends), is posted to the gateway's thread, which logs it. Posted as name,
// message and code: better-sqlite3's own error class would cross the thread boundary as its code alone.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const { file, intervalMs } = workerData as { file: string; intervalMs: number };

function post(error: unknown): void {
  const { name, message, code } = error as { name?: string; message?: string; code?: string };
  parentPort?.postMessage({ failure: { name, message, code } });
}

function checkpointEvery(db: Database.Database): void {
  db.pragma('cache_size = 16'); // a checkpoint copies WAL frames without the page cache; reads here are the WAL index only
  let failing = false;
  const timer = setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
      failing = false;
    } catch (error) {
      if (!failing) post(error);
      failing = true;
    }
  }, intervalMs);
  parentPort?.on('message', (message: unknown) => {
    if (message !== 'stop') return;
    clearInterval(timer);
    db.close();
    parentPort?.close();
  });
}

let opened: Database.Database | undefined;
try {
  opened = new Database(file, { fileMustExist: true });
} catch (error) {
  post(error);
  parentPort?.close();
}
if (opened) checkpointEvery(opened);
