// The store contract and the SQLite-only promises (WAL, file location, sortable timestamps) on a temp file.
import { expect } from 'chai';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSchema } from '../../src/persistence/ensure-schema';
import { openDataSource } from '../../src/persistence/open-data-source';
import { toEntitySchema } from '../../src/persistence/to-entity-schema';
import { describePrimitiveTypesContract } from './primitive-types-contract';
import { describeSchemaEvolutionContract } from './schema-evolution-contract';
import { describeStoreContract } from './store-contract';
import { describeTransactionContract } from './transaction-contract';
import { useFreshDatabase, type TestDatabaseFactory } from './store-harness';
import { graphBetaModel, privilegedOperationEvents, toStored } from './test-model';

/** A file in a directory that does not exist yet, inside a fresh temp directory. */
const newSqliteDatabase: TestDatabaseFactory = async () => {
  const directory = mkdtempSync(join(tmpdir(), 'entity-store-'));
  return {
    config: { engine: 'sqlite', file: join(directory, 'data', 'gateway.db') },
    drop: async () => rmSync(directory, { recursive: true, force: true }),
  };
};

function sqliteFile(config: { engine: string; file?: string }): string {
  if (!config.file) throw new Error('not a SQLite test database');
  return config.file;
}

describeStoreContract('sqlite', newSqliteDatabase);
describeTransactionContract('sqlite', newSqliteDatabase);
describeSchemaEvolutionContract('sqlite', newSqliteDatabase);
describePrimitiveTypesContract('sqlite', newSqliteDatabase);

describe('EntityStore on sqlite, file format', () => {
  const harness = useFreshDatabase(newSqliteDatabase);
  const events = privilegedOperationEvents(graphBetaModel());

  it('creates the database file and its missing parent directory', async () => {
    await harness.open();
    expect(existsSync(sqliteFile(harness.config))).to.equal(true);
  });

  it('puts the database file in WAL journal mode', async () => {
    await harness.open();
    const inspector = new Database(sqliteFile(harness.config), { readonly: true });
    try {
      expect(inspector.pragma('journal_mode', { simple: true })).to.equal('wal');
    } finally {
      inspector.close();
    }
  });

  it('runs its connection with synchronous=NORMAL and a 5000 ms busy timeout', async () => {
    const dataSource = await openDataSource(harness.config, []);
    try {
      expect([await dataSource.query('PRAGMA synchronous'), await dataSource.query('PRAGMA busy_timeout')])
        .to.deep.equal([[{ synchronous: 1 }], [{ timeout: 5000 }]]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('gives the connection its own page cache size back after the start-up checks (they scan with a small one)', async () => {
    const model = graphBetaModel();
    const dataSource = await openDataSource(harness.config, model.entitySets.map((set) => toEntitySchema(set, 'sqlite')));
    try {
      const [before] = await dataSource.query('PRAGMA cache_size') as { cache_size: number }[];
      await ensureSchema(dataSource, model.entitySets, 'sqlite');
      await ensureSchema(dataSource, model.entitySets, 'sqlite'); // the second start-up finds the tables and scans them
      expect(await dataSource.query('PRAGMA cache_size')).to.deep.equal([before]);
      expect(before.cache_size).to.not.equal(64);
    } finally {
      await dataSource.destroy();
    }
  });

  it('checkpoints the WAL on a thread of its own; its connection keeps SQLite\'s automatic checkpoint only as a backstop', async () => {
    const store = await harness.open();
    const file = sqliteFile(harness.config);
    const before = statSync(file).size;
    // Each create commits a few WAL frames; far below the backstop (10,000 pages), so only the worker copies them.
    for (let index = 0; index < 300; index += 1) {
      await store.insert(events, toStored(events, { id: `e${index}`, userName: 'x'.repeat(500) }));
    }
    const deadline = Date.now() + 5000;
    while (statSync(file).size <= before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(statSync(file).size, 'the database file grows only when WAL frames are checkpointed into it').to.be.greaterThan(before);
    const dataSource = await openDataSource(harness.config, []);
    try {
      expect(await dataSource.query('PRAGMA wal_autocheckpoint')).to.deep.equal([{ wal_autocheckpoint: 10_000 }]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('closes its checkpoint thread first, so closing the store still removes the WAL file', async () => {
    const store = await harness.open();
    await store.insert(events, toStored(events, { id: 'e1' }));
    expect(existsSync(`${sqliteFile(harness.config)}-wal`)).to.equal(true);
    await store.close();
    expect(existsSync(`${sqliteFile(harness.config)}-wal`)).to.equal(false);
  });

  it('stores a DateTimeOffset as fixed-width UTC text padded to its Precision', async () => {
    const store = await harness.open();
    await store.insert(events, toStored(events, { id: 'e1', creationDateTime: '2026-11-03T12:15:30.12+02:00' }));
    const inspector = new Database(sqliteFile(harness.config), { readonly: true });
    try {
      const row = inspector.prepare('SELECT creationDateTime FROM privilegedOperationEvents').get();
      expect(row).to.deep.equal({ creationDateTime: '2026-11-03T10:15:30.1200000Z' });
    } finally {
      inspector.close();
    }
  });
});
