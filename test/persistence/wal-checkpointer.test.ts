// The WAL checkpoint thread starts with the first write it is told of: before it, nothing copies WAL frames into the
// database file (a gateway that has only been read runs no second isolate); after it, the worker does.
import { expect } from 'chai';
import Database from 'better-sqlite3';
import { mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createLogger } from '../../src/log/logger';
import { createWalCheckpointer, type WalCheckpointer } from '../../src/persistence/wal-checkpointer';
import { EVENTS, SEED_EVENT, startTestGateway } from '../support/test-gateway';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createWalCheckpointer', () => {
  let directory: string;
  let db: Database.Database;
  let checkpointer: WalCheckpointer | undefined;
  let file: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'wal-checkpointer-'));
    file = join(directory, 'db.sqlite');
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0'); // only the worker may copy frames into the file
    db.exec('CREATE TABLE t (v TEXT)');
    db.pragma('wal_checkpoint(TRUNCATE)');
  });

  afterEach(async () => {
    await checkpointer?.close();
    db.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const writeRows = () => {
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    for (let index = 0; index < 200; index += 1) insert.run('x'.repeat(500));
  };

  async function grows(before: number, withinMs: number): Promise<boolean> {
    const deadline = Date.now() + withinMs;
    while (Date.now() < deadline) {
      if (statSync(file).size > before) return true;
      await pause(50);
    }
    return false;
  }

  it('runs no worker until told of a write, then checkpoints the WAL into the file', async () => {
    checkpointer = createWalCheckpointer(file);
    writeRows();
    const before = statSync(file).size;
    expect(checkpointer.running).to.equal(false);
    expect(await grows(before, 800), 'no checkpoint before the first write is reported').to.equal(false);
    checkpointer.wrote();
    checkpointer.wrote(); // later writes start nothing more
    expect(checkpointer.running).to.equal(true);
    expect(await grows(before, 5000), 'the worker copies the frames once started').to.equal(true);
  });

  it('closes at once when never started, and starts nothing once closed', async () => {
    checkpointer = createWalCheckpointer(file);
    await checkpointer.close();
    checkpointer.wrote();
    expect(checkpointer.running).to.equal(false);
    writeRows();
    const before = statSync(file).size;
    expect(await grows(before, 800)).to.equal(false);
  });

  it('stops a started worker on close', async () => {
    checkpointer = createWalCheckpointer(file);
    checkpointer.wrote();
    await checkpointer.close();
    expect(checkpointer.running).to.equal(false);
    writeRows();
    const before = statSync(file).size;
    expect(await grows(before, 800), 'a closed worker checkpoints no more').to.equal(false);
  });

  it('reports a worker that cannot start (its file gone), and the request connection goes on without it', async () => {
    const failures: Error[] = [];
    checkpointer = createWalCheckpointer(join(directory, 'missing.sqlite'), (error) => failures.push(error));
    checkpointer.wrote();
    const deadline = Date.now() + 5000;
    while (failures.length === 0 && Date.now() < deadline) await pause(50);
    expect(failures.map((error) => [error instanceof Error, error.message, (error as { code?: string }).code]))
      .to.deep.equal([[true, 'unable to open database file', 'SQLITE_CANTOPEN']]);
    writeRows(); // the gateway's own connection is unaffected
  });
});

describe('a gateway whose WAL checkpoint thread fails', () => {
  it('logs persistence.wal-checkpoint-failed at warn, without a stack, and goes on answering', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const directory = mkdtempSync(join(tmpdir(), 'wal-checkpoint-failed-'));
    const gateway = await startTestGateway({ directory, logger: createLogger('warn', (line) => lines.push(JSON.parse(line) as Record<string, unknown>)) });
    const file = join(directory, 'gateway.sqlite');
    try {
      // The gateway's own connection keeps its open file; the thread, started by the first write, finds no file to open.
      renameSync(file, `${file}.moved`);
      await request(gateway.app).post(EVENTS).send(SEED_EVENT).expect(201);
      const deadline = Date.now() + 5000;
      while (!lines.some((line) => line.event === 'persistence.wal-checkpoint-failed') && Date.now() < deadline) await pause(50);
      const failed = lines.filter((line) => line.event === 'persistence.wal-checkpoint-failed');
      expect(failed.map((line) => [line.level, line.code, 'stack' in line])).to.deep.equal([['warn', 'SQLITE_CANTOPEN', false]]);
      await request(gateway.app).post(EVENTS).send(SEED_EVENT).expect(201);
    } finally {
      renameSync(`${file}.moved`, file);
      await gateway.dispose();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
