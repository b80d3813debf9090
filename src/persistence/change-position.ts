// The change position: a storage-internal column recording where each row sits in commit order (see src/delta/README.md).
import { createHash } from 'node:crypto';
import type { Engine } from '../model/edm-primitive-types';
import type { EntitySet } from '../model/service-model';
import { sqlDialect } from '../query/sql-dialect';
import { render } from '../query/sql-fragment';

/** Not an OData identifier (`$`), so no property of any CSDL can collide with it; never in $metadata or a response. */
export const CHANGE_POSITION_COLUMN = '$changePosition';
const QUOTED = `"${CHANGE_POSITION_COLUMN}"`;

/** The column's SQL for one change-tracked table; `table` is quoted and schema-qualified. */
export interface ChangePositionSql {
  /** Start-up: add the column (no row rewritten; existing rows sort before every new one), then its index. */
  readonly migrate: readonly string[];
  readonly index: string;
  /** SQLite: the value an INSERT or UPDATE stores (max + 1, assigned under the write lock); PostgreSQL: the xid. */
  readonly assigned: string;
  /** SQLite fills the column in the INSERT; PostgreSQL by the column's DEFAULT (so does any other writer's INSERT). */
  readonly insertsExplicitly: boolean;
  /** One row, column `position`: where the next round ends (PostgreSQL: the current snapshot; SQLite: the largest position). */
  readonly current: string;
}

/**
 * `elsewhere` (SQLite): scalar subqueries of other tables' largest positions (a deletable set's tombstones and purge horizon),
 * so that MAX + 1 never reuses the position of a deleted row.
 */
export function changePositionSql(entitySet: EntitySet, engine: Engine, table: string, elsewhere: readonly string[] = []): ChangePositionSql {
  const index = `"${changePositionIndexName(entitySet.name)}"`;
  const key = keyColumn(entitySet, engine);
  if (engine === 'postgres') {
    return {
      // pg_current_xact_id() is STABLE, so ADD COLUMN stores its value once for the existing rows (a "fast default": no
      // rewrite) and evaluates it for every later INSERT: the migrating transaction's id, below every later writer's.
      migrate: [`ALTER TABLE ${table} ADD COLUMN ${QUOTED} xid8 NOT NULL DEFAULT pg_current_xact_id()`],
      index: `CREATE INDEX IF NOT EXISTS ${index} ON ${table} (${QUOTED}, ${key})`,
      assigned: 'pg_current_xact_id()',
      insertsExplicitly: false,
      current: 'SELECT pg_current_snapshot()::text AS "position"',
    };
  }
  return {
    migrate: [`ALTER TABLE ${table} ADD COLUMN ${QUOTED} INTEGER NOT NULL DEFAULT 0`],
    index: `CREATE INDEX IF NOT EXISTS ${index} ON ${table} (${QUOTED}, ${key})`,
    // Read under the write lock the statement takes before it reads (writers are serialized, also across processes).
    assigned: elsewhere.length === 0 ? `(SELECT COALESCE(MAX(${QUOTED}), 0) + 1 FROM ${table})` : `(SELECT ${largest(table, elsewhere)} + 1)`,
    insertsExplicitly: true,
    current: elsewhere.length === 0 ? `SELECT COALESCE(MAX(${QUOTED}), 0) AS "position" FROM ${table}` : `SELECT ${largest(table, elsewhere)} AS "position"`,
  };
}

/** SQLite's scalar MAX of the table's largest position and the others (each an index lookup). */
function largest(table: string, elsewhere: readonly string[]): string {
  return `MAX(${[`(SELECT MAX(${QUOTED}) FROM ${table})`, ...elsewhere].map((part) => `COALESCE(${part}, 0)`).join(', ')})`;
}

/** The key in the query compiler's collation, so that the index serves the round's `ORDER BY position, key`. */
export function keyColumn(entitySet: EntitySet, engine: Engine): string {
  const key = entitySet.entityType.properties.find((property) => property.name === entitySet.entityType.key[0])!;
  return render(sqlDialect(engine).column(key), engine).sql;
}

export function changePositionIndexName(table: string): string {
  const hash = createHash('sha256').update(`${table}(${CHANGE_POSITION_COLUMN})`).digest('hex').slice(0, 8);
  return `ix_${table.slice(0, 36)}_changePosition_${hash}`;
}
