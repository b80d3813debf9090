// Parameter aliases (OData 4.01 Part 1 11.2.6.1.3): values parsed on first use, an alias without a value is null, a cycle is a 400.
import { parseExpression } from './expression-parser';
import type { MemberCheck, RawNode } from './raw-node';
import { badRequest } from './query-errors';

/** Aliases whose values name aliases may nest this deep; deeper chains are a 400, never a stack overflow. */
export const MAX_ALIAS_DEPTH = 16;
/** Uses of aliases per query, counted through every chain: `@a=@b and @b`, `@b=@c and @c`… would double each level. */
export const MAX_ALIAS_USES = 1000;

export class AliasScope {
  private readonly parsed = new Map<string, RawNode>();
  private readonly resolving = new Set<string>();
  private uses = 0;

  /** `values` maps alias names without `@` to their still unparsed, percent-decoded values. */
  constructor(private readonly values: ReadonlyMap<string, string>, private readonly checkMember: MemberCheck) {}

  /** Runs `use` with the alias's value expression (undefined when the query gives none) and the alias as the source name. */
  resolve<T>(name: string, use: (value: RawNode | undefined, source: string) => T): T {
    const source = `@${name}`;
    if (this.resolving.has(name)) throw badRequest(`The parameter alias ${source} refers to itself.`, source);
    if (this.resolving.size >= MAX_ALIAS_DEPTH) {
      throw badRequest(`Parameter aliases may refer to aliases at most ${MAX_ALIAS_DEPTH} levels deep (at ${source}).`, source);
    }
    this.uses += 1;
    if (this.uses > MAX_ALIAS_USES) throw badRequest(`A query may use parameter aliases at most ${MAX_ALIAS_USES} times, counting each use through other aliases.`, source);
    const text = this.values.get(name);
    if (text === undefined) return use(undefined, source);
    let value = this.parsed.get(name);
    if (value === undefined) {
      value = parseExpression(text, source, this.checkMember);
      this.parsed.set(name, value);
    }
    this.resolving.add(name);
    try {
      return use(value, source);
    } finally {
      this.resolving.delete(name);
    }
  }
}
