import { characterPosition, FILTER_LIMITS, type FilterError, quoteText, syntaxError, tooComplexError } from './filter.errors';
import type { Token } from './lexer';

/** Position in a token list, nesting depth, and the parser's error helpers. */
export class TokenCursor {
  protected index = 0;
  protected depth = 0;

  constructor(
    protected readonly text: string,
    protected readonly tokens: readonly Token[],
  ) {}

  /** One more level of parentheses or NOT; refused beyond the limit, before recursing. */
  protected enter(token: Token): void {
    if (++this.depth > FILTER_LIMITS.maxDepth) {
      throw tooComplexError(`Filter is nested too deeply (limit ${FILTER_LIMITS.maxDepth}).`, this.position(token));
    }
  }

  protected expect(kind: Token['kind'], what: string): Token {
    const token = this.peek();
    if (token.kind !== kind) throw this.error(what, token);
    this.index++;
    return token;
  }

  protected peek(): Token {
    return this.tokens[this.index] as Token;
  }

  protected isWord(token: Token, upper: string): boolean {
    return token.kind === 'word' && token.value === upper;
  }

  protected source(token: Token): string {
    return this.text.slice(token.start, token.end);
  }

  protected describe(token: Token): string {
    if (token.kind === 'eof') return 'the end of the filter';
    if (token.kind === 'string') return 'a quoted string';
    return quoteText(this.source(token));
  }

  protected unexpected(token: Token): FilterError {
    return this.error(token.kind === 'eof' ? 'unexpected end of the filter' : `unexpected ${this.describe(token)}`, token);
  }

  protected error(what: string, token: Token): FilterError {
    return syntaxError(what, this.text, token.start);
  }

  protected position(token: Token): number {
    return characterPosition(this.text, token.start);
  }
}
