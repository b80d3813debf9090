// The quoted table name for the SQL this layer writes itself (schema-qualified when a PostgreSQL schema is set).
import type { Driver, EntityMetadata } from 'typeorm';

export function quoteTablePath(driver: Driver, metadata: EntityMetadata): string {
  return [metadata.schema, metadata.tableName]
    .filter((part): part is string => Boolean(part))
    .map((part) => driver.escape(part))
    .join('.');
}
