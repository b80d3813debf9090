// SQL text with its bound parameters kept apart until rendering, so that no literal value ever enters the SQL text.

export type Dialect = 'sqlite' | 'postgres';

/** A bound parameter: `cast` is the PostgreSQL type of the placeholder, `bytewise` compares it with COLLATE "C". */
export interface SqlParam {
  readonly value: unknown;
  readonly cast?: string;
  readonly bytewise?: boolean;
}

type Part = string | SqlParam;

export interface SqlStatement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

export class Sql {
  private constructor(readonly parts: readonly Part[]) {}

  static raw(text: string): Sql {
    return new Sql([text]);
  }

  static param(param: SqlParam): Sql {
    return new Sql([param]);
  }

  /** Tagged template whose interpolations are Sql fragments: Sql.of`lower(${column})`. */
  static of(strings: TemplateStringsArray, ...fragments: readonly Sql[]): Sql {
    const parts: Part[] = [];
    strings.forEach((text, index) => {
      parts.push(text);
      if (index < fragments.length) parts.push(...fragments[index].parts);
    });
    return new Sql(parts);
  }

  static join(fragments: readonly Sql[], separator: string): Sql {
    return new Sql(fragments.flatMap((fragment, index) => (index === 0 ? fragment.parts : [separator, ...fragment.parts])));
  }
}

export const TRUE = Sql.raw('1=1');
export const FALSE = Sql.raw('1=0');

/** Conjunction that folds the TRUE and FALSE constants away. */
export function allOf(conditions: readonly Sql[]): Sql {
  if (conditions.includes(FALSE)) return FALSE;
  const kept = conditions.filter((condition) => condition !== TRUE);
  if (kept.length === 0) return TRUE;
  return kept.length === 1 ? kept[0] : Sql.of`(${Sql.join(kept, ' AND ')})`;
}

/** Disjunction that folds the TRUE and FALSE constants away. */
export function anyOf(conditions: readonly Sql[]): Sql {
  if (conditions.includes(TRUE)) return TRUE;
  const kept = conditions.filter((condition) => condition !== FALSE);
  if (kept.length === 0) return FALSE;
  return kept.length === 1 ? kept[0] : Sql.of`(${Sql.join(kept, ' OR ')})`;
}

/** Placeholders: `?` for SQLite, `$n::type` for PostgreSQL, numbered from `firstIndex`. */
export function render(sql: Sql, dialect: Dialect, firstIndex = 1): SqlStatement {
  const params: unknown[] = [];
  const text = sql.parts.map((part) => {
    if (typeof part === 'string') return part;
    if (dialect === 'sqlite') {
      params.push(typeof part.value === 'boolean' ? Number(part.value) : part.value);
      return '?';
    }
    params.push(part.value);
    const placeholder = `$${firstIndex + params.length - 1}${part.cast ? `::${part.cast}` : ''}`;
    return part.bytewise ? `${placeholder} COLLATE "C"` : placeholder;
  }).join('');
  return { sql: text, params };
}
