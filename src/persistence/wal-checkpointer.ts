// SQLite WAL checkpoints off the request path. By default the connection that commits the 1000th page of the WAL
// copies those pages into the database file and syncs both files, inside that request's INSERT: a stall of up to
// ~180 ms on a loaded machine every ≈100 creates (bench/README.md). A worker thread with its own connection runs PASSIVE
// checkpoints (they never block a reader or writer) every few hundred ms instead; the request connection keeps
// SQLite's automatic checkpoint only as a backstop, at a size the worker never lets the WAL reach while it runs.
// The worker is a second V8 isolate (≈7 MB of RSS), so it starts with the first write: a gateway that only serves
// reads, or has not been written to yet, runs none.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** Pages in the WAL past which the request connection checkpoints itself (40 MB: only if the worker is not running). */
export const BACKSTOP_CHECKPOINT_PAGES = 10_000;

/** How often the worker checkpoints; one with no new pages costs a look at the WAL index. */
const INTERVAL_MS = 250;

export interface WalCheckpointer {
  /** Told after each statement that wrote: the first one starts the worker (later ones cost a check). */
  wrote(): void;
  /** Whether the worker has been started (and not closed). */
  readonly running: boolean;
  /** Stops the worker and closes its connection (before the request connection closes, which then removes the WAL). */
  close(): Promise<void>;
}

/** `onFailure`: told when the worker cannot start or stops, and of the first failed checkpoint of a run of them (the
 * request connection's own checkpoint at the backstop size takes over meanwhile: requests never depend on the worker). */
export function createWalCheckpointer(file: string, onFailure: (error: Error) => void = () => undefined): WalCheckpointer {
  let worker: CheckpointWorker | undefined;
  let closing: Promise<void> | undefined;
  return {
    wrote() {
      if (worker === undefined && closing === undefined) worker = startWorker(file, onFailure);
    },
    get running() {
      return worker !== undefined && closing === undefined;
    },
    close() {
      closing ??= worker?.stop() ?? Promise.resolve();
      return closing;
    },
  };
}

interface CheckpointWorker {
  stop(): Promise<void>;
}

function startWorker(file: string, onFailure: (error: Error) => void): CheckpointWorker {
  const worker = new Worker(join(__dirname, 'wal-checkpoint-worker.js'), {
    workerData: { file, intervalMs: INTERVAL_MS },
    // A connection and a timer: a small heap keeps the thread's memory small.
    resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 },
  });
  worker.unref(); // never keeps a process alive; at exit an unfinished PASSIVE checkpoint is simply not completed
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', (error: unknown) => onFailure(asError(error)));
  worker.on('message', (message: { failure?: unknown }) => {
    if (message.failure !== undefined) onFailure(asError(message.failure));
  });
  return {
    async stop() {
      worker.postMessage('stop');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      await worker.terminate();
    },
  };
}

/** What crossed from the worker as an Error of this thread (an error class of a package arrives as a plain object). */
function asError(value: unknown): Error {
  if (value instanceof Error) return value;
  const { name, message, code } = (value ?? {}) as { name?: string; message?: string; code?: string };
  return Object.assign(new Error(message ?? 'the WAL checkpoint thread stopped'), { name: name ?? 'Error', code });
}
