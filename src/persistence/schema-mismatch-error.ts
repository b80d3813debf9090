// The start-up error raised when an existing table differs from the model in a way that would drop or change data.

export interface SchemaDifference {
  readonly table: string;
  readonly column: string;
  /** What differs, e.g. `is in the table but not in the model`. */
  readonly difference: string;
  /** What the operator can do about it. */
  readonly remedy: string;
}

export class SchemaMismatchError extends Error {
  override readonly name = 'SchemaMismatchError';

  constructor(readonly differences: readonly SchemaDifference[]) {
    super([
      'The database does not match the CSDL model; start-up stopped before changing anything.',
      ...differences.map(({ table, column, difference, remedy }) => `- table '${table}', column '${column}' ${difference}: ${remedy}`),
      'The gateway changes tables only by creating them and adding columns; anything else is a migration to do by hand.',
    ].join('\n'));
  }
}
