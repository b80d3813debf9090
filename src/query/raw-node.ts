// The raw expression tree the parser yields, before names and types are bound to the model.
import type { Token } from './token-source';

export type BinaryOperator = 'or' | 'and' | 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type RawNode =
  | { readonly kind: 'literal'; readonly token: Token; readonly at: number }
  | { readonly kind: 'alias'; readonly name: string; readonly at: number }
  | { readonly kind: 'member'; readonly name: string; readonly at: number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly RawNode[]; readonly at: number }
  | { readonly kind: 'not'; readonly operand: RawNode; readonly at: number }
  | { readonly kind: 'binary'; readonly operator: BinaryOperator; readonly left: RawNode; readonly right: RawNode; readonly at: number }
  /** A parenthesized list after `in`, or a JSON array `[...]` (OData 4.01 Part 2 5.1.1.14.2). */
  | { readonly kind: 'list'; readonly items: readonly RawNode[]; readonly at: number }
  | { readonly kind: 'in'; readonly operand: RawNode; readonly list: RawNode; readonly at: number };

export interface OrderByItemSyntax {
  readonly expression: RawNode;
  readonly direction: 'asc' | 'desc';
}

/** Called for every property name as it is parsed, so that an unknown name is reported before later problems. */
export type MemberCheck = (name: string, option: string) => void;
