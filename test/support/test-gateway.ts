// A fresh gateway per test file: its own SQLite file or PostgreSQL schema, a fixed public URL, a silent log.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Express } from 'express';
import { loadConfig, DEFAULTS, type GatewayConfig } from '../../src/config/gateway-config';
import { openAccess, type AccessPolicy } from '../../src/auth/access-policy';
import { optionsFromEnvironment } from '../../src/config/environment-options';
import type { ODataGateway } from '../../src/gateway-options';
import { createLogger, type Logger } from '../../src/log/logger';
import type { EntitySet, ServiceModel } from '../../src/model/service-model';
import { createODataGateway, storeOf } from '../../src/odata-gateway';
import type { EntityStore } from '../../src/persistence/entity-store';
import { createStandaloneApp } from '../../src/server/standalone-app';
import { postgresTestDatabase } from './postgres';

export const PUBLIC_URL = 'https://graph.test.example';
export const SERVICE_ROOT = `${PUBLIC_URL}/beta`;
export const EVENTS = '/beta/privilegedOperationEvents';

export interface TestGateway {
  /** The standalone server's app: the gateway at /beta, /healthz and /readyz at the root. */
  readonly app: Express;
  readonly gateway: ODataGateway;
  readonly model: ServiceModel;
  readonly store: EntityStore;
  readonly config: GatewayConfig;
  close(): Promise<void>;
  readonly events: EntitySet;
  /** Rows in privilegedOperationEvents, read from the store. */
  countEvents(): Promise<number>;
  /** Closes the gateway and removes its directory. */
  dispose(): Promise<void>;
}

/** The engines every data-touching suite runs on. */
export type TestEngine = 'sqlite' | 'postgres';
export const TEST_ENGINES: readonly TestEngine[] = ['sqlite', 'postgres'];

export interface TestGatewayOptions {
  /** SQLite by default; PostgreSQL in a fresh schema of the test database, dropped by dispose. */
  readonly engine?: TestEngine;
  /** Called when the engine cannot be reached outside CI (pass mocha's `() => this.skip()`). */
  readonly skip?: () => never;
  readonly env?: Readonly<Record<string, string>>;
  /** A directory to reuse (for restart tests); a new temporary one otherwise. */
  readonly directory?: string;
  readonly keepDirectory?: boolean;
  /** Open by default: these tests send no tokens; test/auth passes the real bearer policy. */
  readonly access?: AccessPolicy;
  readonly logger?: Logger;
}

export function temporaryDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'gateway-test-'));
}

export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const directory = options.directory ?? temporaryDirectory();
  const postgres = options.engine === 'postgres' ? await postgresTestDatabase() : undefined;
  if (options.engine === 'postgres' && !postgres) {
    if (!options.skip) throw new Error('PostgreSQL is unreachable and the test gave no skip function');
    options.skip();
  }
  const database = postgres ? { DATABASE_URL: postgres.url, DATABASE_SCHEMA: postgres.schema }
    : { DATABASE_URL: `sqlite:${join(directory, 'gateway.sqlite')}` };
  const env = { PUBLIC_URL, ...database, LOG_LEVEL: 'silent', ...options.env };
  const config = loadConfig(env);
  const logger = options.logger ?? createLogger('silent');
  const gateway = await createODataGateway(optionsFromEnvironment(env, logger), { access: options.access ?? openAccess });
  const store = storeOf(gateway);
  const events = gateway.model.entitySets.find((set) => set.name === 'privilegedOperationEvents')!;
  return {
    app: createStandaloneApp(gateway, logger), gateway, model: gateway.model, store, config, events,
    close: () => gateway.close(),
    countEvents: () => store.count(events),
    dispose: async () => {
      await gateway.close();
      await postgres?.drop();
      if (!options.keepDirectory && !options.directory) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A copy of the shipped CSDL with `edit` applied, written into `directory` with the vocabularies it references. */
export function writeVariantCsdl(directory: string, edit: (xml: string) => string): string {
  const shipped = readFileSync(DEFAULTS.CSDL_FILE, 'utf8');
  const edited = edit(shipped);
  if (edited === shipped) throw new Error('the CSDL edit changed nothing');
  const file = join(directory, 'variant.xml');
  writeFileSync(file, edited);
  cpSync(join(dirname(DEFAULTS.CSDL_FILE), 'vocabularies'), join(directory, 'vocabularies'), { recursive: true });
  return file;
}

/** The seed example of Graph's documentation for creating a privilegedOperationEvent. */
export const SEED_EVENT = Object.freeze({
  userId: '4a9c1b8e-2a5f-4a3e-9d0c-0f8c6f4b2e11',
  userName: 'Admin Name',
  userMail: 'admin@contoso.com',
  roleId: '62e90394-69f5-4237-9190-012177145e10',
  roleName: 'Global Administrator',
});

/** A CSDL file of test/fixtures/csdl copied into `directory` with the shipped vocabularies it references. */
export function writeCsdlFixture(directory: string, name: string): string {
  const file = join(directory, name);
  cpSync(join(dirname(DEFAULTS.CSDL_FILE), '..', 'test', 'fixtures', 'csdl', name), file);
  cpSync(join(dirname(DEFAULTS.CSDL_FILE), 'vocabularies'), join(directory, 'vocabularies'), { recursive: true });
  return file;
}

/**
 * In a mocha `describe`: one gateway on `engine` serving a copy of the shipped CSDL with `edit` applied, started
 * before the suite's tests and disposed (with its directory) after them. Returns the running gateway's accessor, with
 * the directory that holds the variant CSDL (for a second gateway a test starts on the same files).
 */
export function useVariantGateway(engine: TestEngine, edit: (xml: string) => string): (() => TestGateway) & { readonly directory: string } {
  const directory = temporaryDirectory();
  let gateway: TestGateway | undefined;
  before(async function () {
    gateway = await startTestGateway({ engine, skip: () => this.skip(), directory, env: { CSDL_FILE: writeVariantCsdl(directory, edit) } });
  });
  after(async () => {
    await gateway?.dispose();
    rmSync(directory, { recursive: true, force: true });
  });
  return Object.assign(() => {
    if (gateway === undefined) throw new Error('the variant gateway has not started');
    return gateway;
  }, { directory });
}
