// The baseline's data access: better-sqlite3 prepared statements on the gateway's table, WAL, synchronous=NORMAL.
import Database from 'better-sqlite3';

export type Entity = Record<string, unknown>;
export type BaselineFilter =
  | { readonly kind: 'requestType'; readonly value: string }
  | { readonly kind: 'creationRange'; readonly from: string; readonly to: string };

export interface BaselineStore {
  readonly columns: readonly string[];
  /** Stores the row (absent columns NULL) and returns it in wire form. */
  insert(row: Entity): Entity;
  findByKey(id: string): Entity | undefined;
  /** Newest first, at most `top` entities. */
  page(filter: BaselineFilter, top: number): Entity[];
  count(filter: BaselineFilter): number;
  close(): void;
}

/** The Edm.DateTimeOffset properties of privilegedOperationEvent: stored fixed-width, sent without trailing zeros. */
export const TIMESTAMP_COLUMNS = new Set(['creationDateTime', 'expirationDateTime']);
const TABLE = '"privilegedOperationEvents"';
const CHANGE_POSITION = '$changePosition';

export function openBaselineStore(file: string): BaselineStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // The entity's columns; the gateway's storage-internal change position ("$changePosition", delta query) is not
  // sent, but every insert assigns it as the gateway does (the next position, read under the write lock).
  const all = db.prepare(`SELECT name FROM pragma_table_info('privilegedOperationEvents')`).pluck().all() as string[];
  const columns = all.filter((name) => name !== CHANGE_POSITION);
  const list = columns.map((name) => `"${name}"`).join(', ');
  const position = all.includes(CHANGE_POSITION)
    ? { column: `, "${CHANGE_POSITION}"`, value: `, (SELECT COALESCE(MAX("${CHANGE_POSITION}"), 0) + 1 FROM ${TABLE})` }
    : { column: '', value: '' };
  const insert = db.prepare(`INSERT INTO ${TABLE} (${list}${position.column}) VALUES (${columns.map(() => '?').join(', ')}${position.value})`);
  const byKey = db.prepare(`SELECT ${list} FROM ${TABLE} WHERE "id" = ?`);
  const where = {
    requestType: '"requestType" = @value',
    creationRange: '"creationDateTime" >= @from AND "creationDateTime" < @to',
  };
  const pages = {
    requestType: db.prepare(`SELECT ${list} FROM ${TABLE} WHERE ${where.requestType} ORDER BY "creationDateTime" DESC LIMIT @top`),
    creationRange: db.prepare(`SELECT ${list} FROM ${TABLE} WHERE ${where.creationRange} ORDER BY "creationDateTime" DESC LIMIT @top`),
  };
  const counts = {
    requestType: db.prepare(`SELECT COUNT(*) FROM ${TABLE} WHERE ${where.requestType}`).pluck(),
    creationRange: db.prepare(`SELECT COUNT(*) FROM ${TABLE} WHERE ${where.creationRange}`).pluck(),
  };
  const parameters = (filter: BaselineFilter) => (filter.kind === 'requestType' ? { value: filter.value } : { from: filter.from, to: filter.to });
  return {
    columns,
    insert(row) {
      insert.run(columns.map((name) => row[name] ?? null));
      return toWire(Object.fromEntries(columns.map((name) => [name, row[name] ?? null])));
    },
    findByKey(id) {
      const row = byKey.get(id) as Entity | undefined;
      return row && toWire(row);
    },
    page: (filter, top) => (pages[filter.kind].all({ ...parameters(filter), top }) as Entity[]).map(toWire),
    count: (filter) => counts[filter.kind].get(parameters(filter)) as number,
    close: () => db.close(),
  };
}

function toWire(row: Entity): Entity {
  for (const name of TIMESTAMP_COLUMNS) {
    const value = row[name];
    if (typeof value === 'string') row[name] = value.replace(/\.(\d*?)0*Z$/, (_match, digits: string) => (digits ? `.${digits}Z` : 'Z'));
  }
  return row;
}

/** `2025-03-04T00:00:00Z` (or with a fraction) → the stored fixed-width text; undefined when not such a literal. */
export function toStoredTimestamp(literal: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,7}))?Z$/.exec(literal);
  return match ? `${match[1]}.${(match[2] ?? '').padEnd(7, '0')}Z` : undefined;
}
