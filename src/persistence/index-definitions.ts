// The indexes an entity set's table gets: its declared ones with the key appended, their deterministic names and DDL.
import { createHash } from 'node:crypto';
import type { Engine } from '../model/edm-primitive-types';
import type { EntitySet, IndexColumn } from '../model/service-model';
import { sqlDialect } from '../query/sql-dialect';
import { render } from '../query/sql-fragment';

export interface IndexDefinition {
  /** Unquoted; the same on both engines for the same columns. */
  readonly name: string;
  /** Declared columns, then the key. */
  readonly columns: readonly IndexColumn[];
  /** `CREATE INDEX IF NOT EXISTS …`, safe to run on every start. */
  readonly sql: string;
}

/** PostgreSQL truncates identifiers to NAMEDATALEN - 1 bytes; longer names would collide after truncation. */
const MAX_NAME_BYTES = 63;

/** `table` is the quoted, possibly schema-qualified table the statements name. */
export function indexDefinitions(entitySet: EntitySet, engine: Engine, table: string): IndexDefinition[] {
  const [key] = entitySet.entityType.key;
  const keyColumn: IndexColumn = { property: key, descending: false };
  // Server-driven paging (OData 4.01 Part 1, 11.2.6.7) resumes after a page's last row, so queries order by the key last.
  const declared = (entitySet.indexes ?? []).map(({ columns }) => (
    columns[columns.length - 1].property === key ? columns : [...columns, keyColumn]));
  const keyOrder = needsKeyIndex(entitySet, engine) ? [[keyColumn]] : [];
  const unique = new Map([...declared, ...keyOrder].map((columns) => [signature(columns), columns]));
  return [...unique.values()].map((columns) => {
    const name = indexName(entitySet.name, columns);
    return { name, columns, sql: `CREATE INDEX IF NOT EXISTS "${name}" ON ${table} (${columnList(entitySet, engine, columns)})` };
  });
}

/**
 * The primary key's own index serves the key order where its collation is the one queries compare with: on SQLite
 * (a text column's default collation is BINARY, as the query compiler's). On PostgreSQL it has the database's default
 * collation, while queries compare strings with COLLATE "C", so the key order needs an index of its own there.
 */
function needsKeyIndex(entitySet: EntitySet, engine: Engine): boolean {
  const key = entitySet.entityType.properties.find((property) => property.name === entitySet.entityType.key[0]);
  return engine === 'postgres' && key?.type === 'Edm.String';
}

/** The query compiler's own column expressions (collation included), so that an index always matches its queries. */
function columnList(entitySet: EntitySet, engine: Engine, columns: readonly IndexColumn[]): string {
  const dialect = sqlDialect(engine);
  return columns.map(({ property, descending }) => {
    const edmProperty = entitySet.entityType.properties.find((candidate) => candidate.name === property);
    if (!edmProperty) throw new Error(`index column '${property}' is not a property of ${entitySet.entityType.name}`);
    const column = render(dialect.column(edmProperty), engine).sql;
    // OData 4.01 Part 1, 11.2.6.2: nulls first ascending, last descending. SQLite sorts NULL lowest, which is
    // exactly that, and its CREATE INDEX has no NULLS clause; PostgreSQL needs it spelled out to match ORDER BY.
    if (engine === 'sqlite') return `${column} ${descending ? 'DESC' : 'ASC'}`;
    return `${column} ${descending ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}`;
  }).join(', ');
}

function signature(columns: readonly IndexColumn[]): string {
  return columns.map(({ property, descending }) => `${property} ${descending ? 'desc' : 'asc'}`).join(', ');
}

/** `ix_<table>_<columns>_<hash>`: readable, at most 63 bytes, and a different name for different columns or order. */
export function indexName(table: string, columns: readonly IndexColumn[]): string {
  const hash = createHash('sha256').update(`${table}(${signature(columns)})`).digest('hex').slice(0, 8);
  let readable = `ix_${table}_${columns.map((column) => column.property).join('_')}`;
  while (Buffer.byteLength(`${readable}_${hash}`) > MAX_NAME_BYTES) readable = readable.slice(0, -1);
  return `${readable}_${hash}`;
}
