// Parses common expressions ($filter, $orderby items, alias values) into a raw tree, with the operator precedence of OData 4.01 Part 2 5.1.1.17.
import { rejectUnsupportedFunction } from './canonical-functions';
import { tokenize } from './expression-lexer';
import type { BinaryOperator, MemberCheck, OrderByItemSyntax, RawNode } from './raw-node';
import { TokenCursor } from './token-cursor';
import type { Token } from './token-source';
import { notImplemented, syntaxError } from './query-errors';

// OData 4.01 Part 2 5.1.1.17, lowest to highest: or, and, eq/ne, relational, additive, multiplicative, unary, primary (has, in).
const BINARY_POWER: Readonly<Record<string, number>> = {
  or: 1, and: 2, eq: 3, ne: 3, gt: 4, ge: 4, lt: 4, le: 4, add: 5, sub: 5, mul: 6, div: 6, divby: 6, mod: 6, has: 8, in: 8,
};
const UNARY_POWER = 7;
const MAX_DEPTH = 64;

export function parseExpression(text: string, option: string, checkMember: MemberCheck): RawNode {
  const parser = new ExpressionParser(tokenize(text, option), option, checkMember);
  const expression = parser.expression(0, 0);
  parser.expectEnd();
  return expression;
}

/** OData 4.01 Part 1 11.2.6.2: `$orderby` is a comma-separated list of expressions, each optionally followed by asc or desc. */
export function parseOrderByItems(text: string, option: string, checkMember: MemberCheck): OrderByItemSyntax[] {
  const parser = new ExpressionParser(tokenize(text, option), option, checkMember);
  const items: OrderByItemSyntax[] = [];
  for (;;) {
    const expression = parser.expression(0, 0);
    items.push({ expression, direction: parser.direction() });
    if (!parser.comma()) break;
  }
  parser.expectEnd();
  return items;
}

class ExpressionParser extends TokenCursor {
  /** How many JSON arrays (`[…]`) enclose the current position. */
  private jsonArrays = 0;

  constructor(tokens: readonly Token[], option: string, private readonly checkMember: MemberCheck) {
    super(tokens, option);
  }

  expression(minPower: number, depth: number): RawNode {
    if (depth > MAX_DEPTH) throw syntaxError(this.option, this.peek().at, `expressions may nest at most ${MAX_DEPTH} levels`);
    let left = this.prefix(depth);
    for (;;) {
      const token = this.peek();
      const operator = token.kind === 'name' ? token.text.toLowerCase() : '';
      const power = BINARY_POWER[operator];
      if (power === undefined || power < minPower) return left;
      this.index += 1;
      left = this.binary(operator, power, left, token, depth);
    }
  }

  direction(): 'asc' | 'desc' {
    const token = this.peek();
    const word = token.kind === 'name' ? token.text.toLowerCase() : '';
    if (word !== 'asc' && word !== 'desc') return 'asc';
    this.index += 1;
    return word; // OData 4.01 Part 1 11.2.6.2: asc and desc are case-insensitive
  }

  private binary(operator: string, power: number, left: RawNode, token: Token, depth: number): RawNode {
    if (operator === 'in') return this.inList(left, token.at, depth);
    if (power >= 5) {
      throw notImplemented(`The '${operator}' operator is not supported (${this.option}, position ${token.at}).`, this.option);
    }
    const right = this.expression(power + 1, depth + 1); // left-associative
    return this.node({ kind: 'binary', operator: operator as BinaryOperator, left, right, at: token.at });
  }

  /** OData 4.01 Part 2 5.1.1.1.11: the right operand is a parenthesized list of literals or a collection expression. */
  private inList(operand: RawNode, at: number, depth: number): RawNode {
    const list = this.isPunct('(') ? this.list(this.next(), ')', depth) : this.prefix(depth + 1);
    return this.node({ kind: 'in', operand, list, at });
  }

  private list(open: Token, close: string, depth: number): RawNode {
    const items: RawNode[] = [];
    const json = close === ']' ? 1 : 0;
    this.jsonArrays += json;
    while (!this.isPunct(close)) {
      items.push(this.expression(0, depth + 1));
      if (!this.comma()) break;
    }
    this.expectPunct(close);
    this.jsonArrays -= json;
    return this.node({ kind: 'list', items, at: open.at });
  }

  private prefix(depth: number): RawNode {
    const token = this.next();
    switch (token.kind) {
      case 'json':
        // OData ABNF: JSON-style "strings" are items of JSON arrays ([…]) only; elsewhere strings take single quotes
        if (this.jsonArrays === 0) {
          throw syntaxError(this.option, token.at, `a double-quoted string is allowed only inside a JSON array [...]; write '${String(token.value).replace(/'/g, "''")}'`);
        }
        return this.node({ kind: 'literal', token, at: token.at });
      case 'string': case 'number': case 'typed': case 'keyword':
        return this.node({ kind: 'literal', token, at: token.at });
      case 'alias':
        return this.node({ kind: 'alias', name: String(token.value), at: token.at });
      case 'name':
        return this.name(token, depth);
      case 'punct':
        return this.punctuation(token, depth);
      case 'end':
        throw syntaxError(this.option, token.at, 'expected an expression');
      default: {
        const what = token.kind === 'dollar' ? `'${token.text}'` : token.edmType === 'annotation' ? 'Annotation values' : `Literals of type ${token.edmType}`;
        throw notImplemented(`${what} ${token.kind === 'dollar' ? 'is' : 'are'} not supported (${this.option}, position ${token.at}).`, this.option);
      }
    }
  }

  private punctuation(token: Token, depth: number): RawNode {
    if (token.text === '(') {
      const inner = this.expression(0, depth + 1);
      this.expectPunct(')');
      return inner;
    }
    if (token.text === '-') throw notImplemented(`Negation is not supported (${this.option}, position ${token.at}).`, this.option);
    if (token.text === '[') return this.list(token, ']', depth);
    if (token.text === '{') throw notImplemented(`JSON object literals are not supported (${this.option}, position ${token.at}).`, this.option);
    throw syntaxError(this.option, token.at, `expected an expression, found '${token.text}'`);
  }

  private name(token: Token, depth: number): RawNode {
    const name = token.text;
    const following = this.peek();
    const adjacent = following.at === token.at + name.length;
    if (name.toLowerCase() === 'not' && this.startsOperand(following)) {
      return this.node({ kind: 'not', operand: this.expression(UNARY_POWER, depth + 1), at: token.at });
    }
    if (adjacent && following.kind === 'punct' && following.text === '(') {
      if (name.includes('.')) throw notImplemented(`Functions of the model such as '${name}' are not supported (${this.option}).`, this.option);
      return this.call(token, depth);
    }
    if (name.includes('.')) {
      if (adjacent && following.text === '/') throw notImplemented(`Type casts such as '${name}' are not supported (${this.option}).`, this.option);
      throw syntaxError(this.option, token.at + name.length, `expected '(' after the qualified name '${name}'`);
    }
    this.checkMember(name, this.option);
    const segment = this.tokens[this.index + 1];
    if (adjacent && following.text === '/' && (segment?.kind === 'alias' || segment?.edmType === 'annotation')) {
      throw notImplemented(`Annotation values are not supported (${this.option}, position ${segment.at}).`, this.option);
    }
    if (adjacent && following.text === '/') {
      throw syntaxError(this.option, following.at, `'${name}' is a primitive property: a path cannot continue after it`);
    }
    return this.node({ kind: 'member', name, at: token.at });
  }

  private call(token: Token, depth: number): RawNode {
    rejectUnsupportedFunction(token.text, this.option); // before its arguments, which may be type names
    this.index += 1; // the '('
    const args: RawNode[] = [];
    while (!this.isPunct(')')) {
      args.push(this.expression(0, depth + 1));
      if (!this.comma()) break;
    }
    this.expectPunct(')');
    return this.node({ kind: 'call', name: token.text, args, at: token.at });
  }

  private startsOperand(token: Token): boolean {
    return token.kind !== 'end' && !(token.kind === 'punct' && token.text !== '(' && token.text !== '-');
  }
}
