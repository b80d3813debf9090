// Tokens of an OData common expression (OData ABNF 4.01): names, strings, numbers and punctuation by our rules; GUID, date and time literals by odata-v4-parser's.
import { readName, readNumeric } from './literal-tokens';
import { syntaxError } from './query-errors';
import { checked, IDENTIFIER, readQuoted, sourceOf, stickyMatch, type Source, type Token } from './token-source';

export type { Token } from './token-source';

const PUNCTUATION = new Set(['(', ')', ',', '/', ':', '[', ']', '{', '}', '*', '-', '=', ';']);

export function tokenize(text: string, option: string): Token[] {
  const source = sourceOf(text, option);
  if (/^[ \t]/.test(text)) throw syntaxError(option, 0, 'leading whitespace is not allowed');
  if (/[ \t]$/.test(text)) throw syntaxError(option, text.trimEnd().length, 'trailing whitespace is not allowed');
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    if (text[index] === ' ' || text[index] === '\t') {
      index += 1;
      continue;
    }
    const token = readToken(source, index);
    tokens.push(token);
    index = token.at + token.text.length;
  }
  tokens.push({ kind: 'end', text: '', at: text.length });
  return tokens;
}

function readToken(source: Source, at: number): Token {
  const { text, option } = source;
  const character = text[at];
  if (character === "'") return checked(source, { kind: 'string', ...readQuoted(source, at) });
  if (character === '"') return readJsonString(source, at);
  if (character === '@' || character === '$') return readPrefixedName(source, at);
  if (/\d/.test(character) || (/[+-]/.test(character) && /\d/.test(text[at + 1] ?? ''))) return readNumeric(source, at);
  if (text.startsWith('-INF', at)) return checked(source, { kind: 'keyword', text: '-INF', at, value: -Infinity });
  if (stickyMatch(IDENTIFIER, text, at) !== undefined) return readName(source, at);
  if (PUNCTUATION.has(character)) return { kind: 'punct', text: character, at };
  throw syntaxError(option, at, `unexpected character '${character}'`);
}

function readJsonString(source: Source, at: number): Token {
  const end = /"(?:[^"\\]|\\.)*"/y;
  const text = stickyMatch(end, source.text, at);
  if (text === undefined) throw syntaxError(source.option, at, 'unterminated JSON string');
  let value: string;
  try {
    value = JSON.parse(text) as string;
  } catch {
    throw syntaxError(source.option, at, 'invalid JSON string');
  }
  // The same rule as for bodies and percent-decoded values: escapes must not smuggle in what text cannot store
  if (value.includes('\u0000')) throw syntaxError(source.option, at, 'a JSON string must not contain U+0000');
  if (!(value as string & { isWellFormed(): boolean }).isWellFormed()) {
    throw syntaxError(source.option, at, 'a JSON string must not contain a lone surrogate');
  }
  return checked(source, { kind: 'json', text, at, value });
}

/** `@alias`, `$it`/`$this`/`$root`; `@Namespace.Term` is an annotation value (OData 4.01 Part 2 5.1.1.16). */
function readPrefixedName(source: Source, at: number): Token {
  const name = stickyMatch(IDENTIFIER, source.text, at + 1);
  if (name === undefined) throw syntaxError(source.option, at + 1, `expected a name after '${source.text[at]}'`);
  if (source.text[at] === '$') return { kind: 'dollar', text: source.text.slice(at, at + 1 + name.length), at, value: name };
  // An annotation name may end in a qualifier: @Namespace.Term#Qualifier
  const qualifier = source.text[at + 1 + name.length] === '#' ? stickyMatch(IDENTIFIER, source.text, at + 2 + name.length) : undefined;
  const text = source.text.slice(at, at + 1 + name.length + (qualifier === undefined ? 0 : qualifier.length + 1));
  return name.includes('.') || qualifier !== undefined
    ? { kind: 'unsupported', text, at, edmType: 'annotation' } : { kind: 'alias', text, at, value: name };
}
