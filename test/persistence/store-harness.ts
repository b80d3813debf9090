// Mocha hooks shared by the store contracts: a fresh database per test, every store closed and the database dropped after.
import type { DatabaseConfig } from '../../src/persistence/database-config';
import { openEntityStore, type EntityStore } from '../../src/persistence/entity-store';
import type { ServiceModel } from '../../src/model/service-model';
import { graphBetaModel } from './test-model';

export interface TestDatabase {
  readonly config: DatabaseConfig;
  drop(): Promise<void>;
}

/** A new, empty database for one test; undefined when the engine is unavailable (the tests are then skipped). */
export type TestDatabaseFactory = () => Promise<TestDatabase | undefined>;

export interface StoreHarness {
  /** Opens a store on this test's database; it is closed after the test. */
  open(model?: ServiceModel): Promise<EntityStore>;
  readonly config: DatabaseConfig;
}

export function useFreshDatabase(newDatabase: TestDatabaseFactory): StoreHarness {
  let database: TestDatabase | undefined;
  const opened: EntityStore[] = [];
  beforeEach(async function () {
    database = await newDatabase();
    if (!database) this.skip();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await database?.drop();
    database = undefined;
  });
  const config = (): DatabaseConfig => {
    if (!database) throw new Error('no test database: use the harness inside a test');
    return database.config;
  };
  return {
    get config() {
      return config();
    },
    async open(model = graphBetaModel()) {
      const store = await openEntityStore(model, config());
      opened.push(store);
      return store;
    },
  };
}
