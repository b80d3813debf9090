// Tokens and the helpers shared by the lexer's readers: the source text, names, quoted strings and the rule that literals stand apart.
import { syntaxError } from './query-errors';

export type TokenKind = 'string' | 'number' | 'typed' | 'keyword' | 'name' | 'alias' | 'dollar' | 'json' | 'unsupported' | 'punct' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** The token as written. */
  readonly text: string;
  /** 0-based position in the option value. */
  readonly at: number;
  /** String content, number, true/false/null, JSON string value, alias name. */
  readonly value?: unknown;
  /** For `typed` and `unsupported` literals: their Edm type. */
  readonly edmType?: string;
}

export interface Source {
  readonly text: string;
  readonly option: string;
  readonly codes: Uint16Array;
  readonly upperCodes: Uint16Array;
}

export const IDENTIFIER = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]*(?:\.[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]*)*/uy;
const WORD_CHARACTER = /[\p{L}\p{Nd}_.'"]/u;

export function sourceOf(text: string, option: string): Source {
  return { text, option, codes: codesOf(text), upperCodes: codesOf(text.replace(/[a-z]/g, (letter) => letter.toUpperCase())) };
}

function codesOf(text: string): Uint16Array {
  return Uint16Array.from(text, (_, index) => text.charCodeAt(index));
}

export function stickyMatch(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

/** A literal must not run into a following name or literal ("1eq", "'a'b"). */
export function checked(source: Source, token: Token): Token {
  const next = source.text[token.at + token.text.length];
  if (next !== undefined && WORD_CHARACTER.test(next)) {
    throw syntaxError(source.option, token.at + token.text.length, `unexpected character '${next}' after '${token.text}'`);
  }
  return token;
}

/** OData ABNF string: single quotes, a quote inside doubled. */
export function readQuoted(source: Source, at: number): { text: string; at: number; value: string } {
  let index = at + 1;
  for (;;) {
    const close = source.text.indexOf("'", index);
    if (close < 0) throw syntaxError(source.option, at, 'unterminated string literal');
    if (source.text[close + 1] !== "'") {
      const text = source.text.slice(at, close + 1);
      return { text, at, value: text.slice(1, -1).replace(/''/g, "'") };
    }
    index = close + 2;
  }
}
