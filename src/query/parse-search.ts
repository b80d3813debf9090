// $search (OData 4.01 Part 2 5.1.8, ABNF searchExpr): words and "phrases", all of which must match; OR, NOT and grouping answer 501.
import type { SearchNode } from './filter-node';
import { badRequest, notImplemented, syntaxError } from './query-errors';

/** More terms are refused with 400: each costs a condition on every string property. */
const MAX_TERMS = 32;

interface SearchItem {
  readonly text: string;
  readonly phrase: boolean;
  readonly at: number;
  readonly end: number;
}

export function parseSearch(value: string, option = '$search'): SearchNode {
  // 5.1.8: incomplete expressions (type-ahead) may be sent as a single-quoted string literal, read leniently
  const quoted = /^'((?:[^']|'')*)'$/.exec(value);
  const text = quoted ? quoted[1].replace(/''/g, "'") : value;
  const items = readItems(text, quoted !== null, option);
  const terms: string[] = [];
  items.forEach((item, index) => {
    const between = index > 0 && index < items.length - 1;
    if (!item.phrase && item.text === 'AND' && between) return; // the explicit form of the implicit AND
    if (!item.phrase && ((item.text === 'OR' && between) || (item.text === 'NOT' && index < items.length - 1))) {
      throw notImplemented(`The ${item.text} operator in ${option} is not supported: terms are always combined with AND.`, option);
    }
    if (item.text !== '') terms.push(item.text);
  });
  if (terms.length === 0 && quoted === null) throw badRequest(`${option} needs at least one search term.`, option);
  if (terms.length > MAX_TERMS) throw badRequest(`${option} may have at most ${MAX_TERMS} terms.`, option);
  return { terms };
}

function readItems(text: string, lenient: boolean, option: string): SearchItem[] {
  const items: SearchItem[] = [];
  let index = 0;
  while (index < text.length) {
    const character = text[index];
    if (character === ' ' || character === '\t') {
      index += 1;
      continue;
    }
    if (!lenient && (character === '(' || character === ')')) {
      throw notImplemented(`Grouping with parentheses in ${option} is not supported (position ${index}).`, option);
    }
    const item = character === '"' ? readPhrase(text, index, lenient, option) : readWord(text, index, lenient);
    items.push(item);
    index = item.end;
  }
  return items;
}

function readWord(text: string, at: number, lenient: boolean): SearchItem {
  const word = lenient ? /[^ \t"]+/y : /[^ \t"()]+/y;
  word.lastIndex = at;
  const match = (word.exec(text) as RegExpExecArray)[0];
  return { text: match, phrase: false, at, end: at + match.length };
}

/** ABNF searchPhrase: double-quoted, `\"` and `\\` escaped; it must be followed by whitespace or the end. */
function readPhrase(text: string, at: number, lenient: boolean, option: string): SearchItem {
  const phrase = /"((?:[^"\\]|\\["\\])*)"/y;
  phrase.lastIndex = at;
  const match = phrase.exec(text);
  if (!match) {
    if (lenient) return { text: text.slice(at + 1).replace(/\\(["\\])/g, '$1'), phrase: true, at, end: text.length };
    throw syntaxError(option, text.length, 'unterminated phrase: a closing double quote is missing');
  }
  const end = at + match[0].length;
  if (!lenient && end < text.length && !/[ \t)]/.test(text[end])) {
    throw syntaxError(option, end, 'a phrase must be followed by whitespace');
  }
  if (!lenient && match[1] === '') throw syntaxError(option, at, 'empty phrase');
  return { text: match[1].replace(/\\(["\\])/g, '$1'), phrase: true, at, end };
}
