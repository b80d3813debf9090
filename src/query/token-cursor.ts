// Walks the token list for the expression parser: look-ahead, expected punctuation, and the limit on an expression's size.
import type { RawNode } from './raw-node';
import { syntaxError } from './query-errors';
import type { Token } from './token-source';

/** Larger expressions are refused with 400: they would only burden the database. */
const MAX_NODES = 1000;

export class TokenCursor {
  protected index = 0;
  private nodes = 0;

  constructor(protected readonly tokens: readonly Token[], protected readonly option: string) {}

  comma(): boolean {
    if (!this.isPunct(',')) return false;
    this.index += 1;
    return true;
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind !== 'end') throw syntaxError(this.option, token.at, `unexpected '${token.text}'`);
  }

  protected node(node: RawNode): RawNode {
    this.nodes += 1;
    if (this.nodes > MAX_NODES) throw syntaxError(this.option, node.at, `expressions may have at most ${MAX_NODES} terms`);
    return node;
  }

  protected isPunct(text: string): boolean {
    const token = this.peek();
    return token.kind === 'punct' && token.text === text;
  }

  protected expectPunct(text: string): void {
    const token = this.peek();
    if (!this.isPunct(text)) throw syntaxError(this.option, token.at, `expected '${text}'${token.kind === 'end' ? '' : `, found '${token.text}'`}`);
    this.index += 1;
  }

  protected peek(): Token {
    return this.tokens[Math.min(this.index, this.tokens.length - 1)];
  }

  protected next(): Token {
    const token = this.peek();
    this.index = Math.min(this.index + 1, this.tokens.length - 1);
    return token;
  }
}
