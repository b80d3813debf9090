// Seeded SQLite files in the gateway's own table layout, written directly with better-sqlite3 and cached by size and layout.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchAuthorization } from './bench-authorization';
import { PACKAGE_ROOT, startGateway } from './launch-servers';
import { SEED_FORMAT, seedRow } from './seed-rows';

export const ENTITY_SET = 'privilegedOperationEvents';
const BATCH_ROWS = 50_000;

/** The table as the gateway creates it: an empty database file, its schema SQL, and the hash that keys the cache. */
export interface TableLayout {
  readonly emptyFile: string;
  readonly columns: readonly string[];
  readonly schemaSql: readonly string[];
  readonly hash: string;
}

export interface SeededTable {
  readonly file: string;
  readonly rows: number;
  readonly reused: boolean;
  readonly seconds: number;
}

/** Starts the real gateway once on an empty file, so its own start-up code creates the table and its indexes. */
export async function probeLayout(workDir: string, logDir: string, auth: BenchAuthorization): Promise<TableLayout> {
  mkdirSync(workDir, { recursive: true });
  const emptyFile = join(workDir, 'layout.sqlite');
  rmSync(emptyFile, { force: true });
  const gateway = await startGateway({ databaseFile: emptyFile, logDir, auth, label: '-layout' });
  await gateway.stop('SIGTERM');
  const db = new Database(emptyFile, { readonly: true });
  try {
    const schemaSql = db.prepare('SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type DESC, name').pluck().all() as string[];
    const columns = (db.prepare(`SELECT name FROM pragma_table_info('${ENTITY_SET}')`).pluck().all() as string[]);
    if (columns.length === 0) throw new Error(`the gateway created no table ${ENTITY_SET}`);
    const csdl = readFileSync(process.env.CSDL_FILE || join(PACKAGE_ROOT, 'metadata', 'graph-beta.xml'));
    const hash = createHash('sha256').update(csdl).update(schemaSql.join(';\n')).update(SEED_FORMAT).digest('hex').slice(0, 12);
    return { emptyFile, columns, schemaSql, hash };
  } finally {
    db.close();
  }
}

/** The cached file for this size and layout, written first when missing (older layouts of the same size are removed). */
export function seedTable(layout: TableLayout, rows: number, cacheDir: string): SeededTable {
  mkdirSync(cacheDir, { recursive: true });
  const file = join(cacheDir, `seed-${rows}-${layout.hash}.sqlite`);
  if (existsSync(file)) return { file, rows, reused: true, seconds: 0 };
  const started = Date.now();
  for (const name of readdirSync(cacheDir)) if (name.startsWith(`seed-${rows}-`)) rmSync(join(cacheDir, name), { force: true });
  const partial = `${file}.partial-${process.pid}`;
  copyFileSync(layout.emptyFile, partial);
  try {
    writeRows(partial, layout.columns, rows);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  return { file, rows, reused: false, seconds: (Date.now() - started) / 1000 };
}

function writeRows(file: string, tableColumns: readonly string[], rows: number): void {
  const db = new Database(file);
  try {
    // A throw-away file until renamed: no journal, no fsync, a large cache for the random-key index.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    const columns = Object.keys(seedRow(0, rows)).filter((name) => tableColumns.includes(name));
    const insert = db.prepare(
      `INSERT INTO "${ENTITY_SET}" (${columns.map((name) => `"${name}"`).join(', ')}) VALUES (${columns.map((name) => `@${name}`).join(', ')})`,
    );
    const insertBatch = db.transaction((from: number, to: number) => {
      for (let index = from; index < to; index += 1) {
        const row = seedRow(index, rows);
        insert.run(Object.fromEntries(columns.map((name) => [name, row[name]])));
      }
    });
    for (let from = 0; from < rows; from += BATCH_ROWS) insertBatch(from, Math.min(rows, from + BATCH_ROWS));
    db.pragma('journal_mode = WAL'); // as the gateway leaves it
  } finally {
    db.close();
  }
}

/** A private copy of a seeded file for one server (each server writes to its own). */
export function copySeed(seed: SeededTable, workDir: string, name: string): string {
  mkdirSync(workDir, { recursive: true });
  const target = join(workDir, `${name}-${seed.rows}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  copyFileSync(seed.file, target);
  return target;
}

/**
 * The same indexes on the baseline's copy as on the gateway's after its start-up (it creates the declared ones when
 * missing, e.g. when its code changed after the seed was cached). Returns the index DDL, for the report.
 */
export function mirrorIndexes(gatewayFile: string, baselineFile: string): string[] {
  const listIndexes = (db: Database.Database) => db.prepare(
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
  ).all() as { name: string; sql: string }[];
  const source = new Database(gatewayFile, { readonly: true, fileMustExist: true });
  const target = new Database(baselineFile, { fileMustExist: true });
  try {
    const indexes = listIndexes(source);
    const existing = new Set(listIndexes(target).map((index) => index.name));
    for (const index of indexes) if (!existing.has(index.name)) target.exec(index.sql);
    return indexes.map((index) => index.sql);
  } finally {
    source.close();
    target.close();
  }
}
