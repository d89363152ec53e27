import type { SqlFunctionName } from '../database/dialect/dialect';
import type { AggregateFn, CompareOp, FilterNode, MatchOp, Operand, Value } from './ast';
import { FILTER_LIMITS, FilterError, quoteText, tooComplexError, unknownFieldError } from './filter.errors';
import { type Token, tokenize } from './lexer';
import { TokenCursor } from './token-cursor';
import { isLookupModifier } from './lookups';

export interface ParseOptions {
  /** `having`: operands may be `SUM(c)`, `AVG(c)`, `MIN(c)`, `MAX(c)`, `COUNT(c)`, `COUNT(*)`. */
  readonly aggregates?: boolean;
}

/** Words that are keywords in field position (API.md 3.10.2); `AND`/`OR` are tokens of their own. */
export const FIELD_KEYWORDS: ReadonlySet<string> = new Set([
  'NOT', 'IN', 'LIKE', 'IS', 'NULL', 'BETWEEN', 'CONTAINS', 'STARTS', 'ENDS', 'WITH',
  'EQ', 'NE', 'GT', 'GTE', 'GE', 'LT', 'LTE', 'LE',
]);

const WORD_OPS: Readonly<Record<string, CompareOp>> = {
  EQ: '=', NE: '<>', GT: '>', GTE: '>=', GE: '>=', LT: '<', LTE: '<=', LE: '<=',
};
const AGGREGATES: ReadonlySet<string> = new Set(['SUM', 'AVG', 'MIN', 'MAX', 'COUNT']);
const VALUE_FUNCTIONS: ReadonlySet<string> = new Set(['CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP']);
export const IDENTIFIER_RE = /^[\p{L}_][\p{L}\p{N}_$]*$/u;

/**
 * Parses filter text into a tree. Limits (length, nesting, conditions, IN size) are enforced as
 * it goes, before each recursion, so no input can exhaust the stack.
 * @example parseFilter('age > 30') // { kind: 'compare', operand: { kind: 'field', name: 'age' }, op: '>', value: { kind: 'bare', value: '30' } }
 */
export function parseFilter(text: string, options: ParseOptions = {}): FilterNode {
  const parser = new Parser(text, tokenize(text), options.aggregates === true);
  return parser.parseAll();
}

/** Recursive descent, one method per precedence level: or → and → not → primary → predicate. */
class Parser extends TokenCursor {
  private conditions = 0;

  constructor(
    text: string,
    tokens: readonly Token[],
    private readonly aggregates: boolean,
  ) {
    super(text, tokens);
  }

  parseAll(): FilterNode {
    const node = this.orExpr();
    const next = this.peek();
    if (next.kind !== 'eof') throw this.unexpected(next);
    return node;
  }

  private orExpr(): FilterNode {
    const first = this.andExpr();
    if (this.peek().kind !== 'or') return first;
    const items = [first];
    while (this.peek().kind === 'or') {
      this.index++;
      items.push(this.andExpr());
    }
    return { kind: 'or', items };
  }

  private andExpr(): FilterNode {
    const first = this.notExpr();
    if (this.peek().kind !== 'and') return first;
    const items = [first];
    while (this.peek().kind === 'and') {
      this.index++;
      items.push(this.notExpr());
    }
    return { kind: 'and', items };
  }

  private notExpr(): FilterNode {
    const token = this.peek();
    if (!this.isWord(token, 'NOT')) return this.primary();
    this.enter(token);
    this.index++;
    const item = this.notExpr();
    this.depth--;
    return { kind: 'not', item };
  }

  private primary(): FilterNode {
    const token = this.peek();
    if (token.kind !== 'lparen') return this.predicate();
    this.enter(token);
    this.index++;
    const node = this.orExpr();
    this.expect('rparen', "expected ')'");
    this.depth--;
    return node;
  }

  private predicate(): FilterNode {
    if (++this.conditions > FILTER_LIMITS.maxConditions) {
      throw tooComplexError(`Filter has more than ${FILTER_LIMITS.maxConditions} conditions.`, this.position(this.peek()));
    }
    const operand = this.operand();
    const token = this.peek();
    if (token.kind === 'op') {
      this.index++;
      return { kind: 'compare', operand, op: token.value as CompareOp, value: this.value(token) };
    }
    if (token.kind === 'word') {
      const wordOp = WORD_OPS[token.value];
      if (wordOp) {
        this.index++;
        return { kind: 'compare', operand, op: wordOp, value: this.value(token) };
      }
      if (token.value === 'IS') return this.isNull(operand);
      const negated = token.value === 'NOT';
      if (negated) this.index++;
      const node = this.negatable(operand, negated);
      if (node) return node;
    }
    const after = this.tokens[this.index - 1] as Token;
    throw this.error(`expected an operator after ${quoteText(this.source(after))}`, token);
  }

  /** `[NOT] LIKE|CONTAINS|STARTS WITH|ENDS WITH|IN|BETWEEN …`; undefined when no such operator follows. */
  private negatable(operand: Operand, negated: boolean): FilterNode | undefined {
    const token = this.peek();
    const match = this.matchOp(token);
    if (match) return { kind: 'match', operand, op: match.op, value: this.value(match.last), negated };
    if (this.isWord(token, 'IN')) {
      this.index++;
      return { kind: 'in', operand, values: this.valueList(token), negated };
    }
    if (this.isWord(token, 'BETWEEN')) {
      this.index++;
      const low = this.value(token);
      const and = this.expect('and', "expected 'AND' in BETWEEN");
      return { kind: 'between', operand, low, high: this.value(and), negated };
    }
    if (negated) throw this.error("expected LIKE, CONTAINS, STARTS WITH, ENDS WITH, IN or BETWEEN after 'NOT'", token);
    return undefined;
  }

  private matchOp(token: Token): { op: MatchOp; last: Token } | undefined {
    if (token.kind !== 'word') return undefined;
    if (token.value === 'LIKE' || token.value === 'CONTAINS') {
      this.index++;
      return { op: token.value === 'LIKE' ? 'like' : 'contains', last: token };
    }
    if (token.value !== 'STARTS' && token.value !== 'ENDS') return undefined;
    this.index++;
    const withToken = this.peek();
    if (!this.isWord(withToken, 'WITH')) throw this.error(`expected 'WITH' after '${this.source(token)}'`, withToken);
    this.index++;
    return { op: token.value === 'STARTS' ? 'starts' : 'ends', last: withToken };
  }

  private isNull(operand: Operand): FilterNode {
    this.index++;
    let token = this.peek();
    const negated = this.isWord(token, 'NOT');
    if (negated) {
      this.index++;
      token = this.peek();
    }
    if (!this.isWord(token, 'NULL')) throw this.error(`expected 'NULL' after '${negated ? 'IS NOT' : 'IS'}'`, token);
    this.index++;
    return { kind: 'isNull', operand, negated };
  }

  private operand(): Operand {
    const token = this.peek();
    if (token.kind === 'ident') {
      if (token.value === '') throw this.error('expected a field name', token);
      this.index++;
      return { kind: 'field', name: token.value };
    }
    if (token.kind !== 'word') {
      throw this.error(token.kind === 'eof' ? 'expected a condition' : `expected a condition but found ${this.describe(token)}`, token);
    }
    if (this.aggregates && AGGREGATES.has(token.value) && this.tokens[this.index + 1]?.kind === 'lparen') {
      return this.aggregate(token);
    }
    const name = this.source(token);
    if (FIELD_KEYWORDS.has(token.value)) throw this.unexpected(token);
    if (!IDENTIFIER_RE.test(name)) throw unknownFieldError(name, this.position(token));
    this.index++;
    return { kind: 'field', name };
  }

  /** `SUM(c)` … `COUNT(*)`, in `having` only. */
  private aggregate(fnToken: Token): Operand {
    this.index += 2;
    const token = this.peek();
    const fn = fnToken.value as AggregateFn;
    let field: string | null;
    if (fn === 'COUNT' && token.kind === 'word' && this.source(token) === '*') {
      field = null;
    } else if (token.kind === 'ident' && token.value !== '') {
      field = token.value;
    } else if (token.kind === 'word' && IDENTIFIER_RE.test(this.source(token))) {
      field = this.source(token);
    } else {
      throw this.error(`expected a field name in ${fn}()`, token);
    }
    this.index++;
    this.expect('rparen', `expected ')' after ${fn}(…`);
    return { kind: 'aggregate', fn, field };
  }

  /** One value after `after` (an operator, `(`, `,` or `AND`). */
  private value(after: Token): Value {
    const token = this.peek();
    switch (token.kind) {
      case 'string':
        this.index++;
        return { kind: 'string', value: token.value };
      case 'param':
        this.index++;
        return { kind: 'param', name: token.value };
      case 'lookup':
        if (token.modifier !== null && !isLookupModifier(token.modifier)) {
          throw this.error(`unknown lookup modifier ${quoteText(token.modifier)}`, token);
        }
        this.index++;
        return { kind: 'lookup', key: token.value, modifier: token.modifier };
      case 'lparen':
        return this.parenthesisedFunction(token);
      case 'word':
        return this.wordValue(token);
      default:
        throw this.error(`expected a value after ${quoteText(this.source(after))}`, token);
    }
  }

  private wordValue(first: Token): Value {
    const fn = this.functionName(first);
    if (fn) return { kind: 'function', name: fn };
    let last = first;
    this.index++;
    while (this.peek().kind === 'word') last = this.tokens[this.index++] as Token;
    return { kind: 'bare', value: this.text.slice(first.start, last.end) };
  }

  /** `NOW()`, `CURRENT_DATE`, `CURRENT_TIME`, `CURRENT_TIMESTAMP` at the start of a value; consumed. */
  private functionName(token: Token): SqlFunctionName | undefined {
    if (VALUE_FUNCTIONS.has(token.value)) {
      this.index++;
      return token.value as SqlFunctionName;
    }
    if (token.value !== 'NOW' || this.tokens[this.index + 1]?.kind !== 'lparen') return undefined;
    this.index += 2;
    this.expect('rparen', "expected ')' after 'NOW('");
    return 'NOW';
  }

  /** `(NOW())`, `((CURRENT_DATE))`; any other parenthesised value is refused (subqueries included). */
  private parenthesisedFunction(open: Token): Value {
    this.enter(open);
    this.index++;
    const token = this.peek();
    let value: Value;
    if (token.kind === 'lparen') value = this.parenthesisedFunction(token);
    else {
      const fn = token.kind === 'word' ? this.functionName(token) : undefined;
      if (!fn) throw this.error('parenthesised values are not allowed', open);
      value = { kind: 'function', name: fn };
    }
    this.expect('rparen', "expected ')'");
    this.depth--;
    return value;
  }

  /** `( [value {, value}] )` after IN. */
  private valueList(inToken: Token): Value[] {
    const open = this.peek();
    if (open.kind !== 'lparen') {
      throw new FilterError('FILTER_SYNTAX', 'Filter value lists must be wrapped in parentheses.', this.position(open));
    }
    this.index++;
    const values: Value[] = [];
    if (this.peek().kind === 'rparen') {
      this.index++;
      return values;
    }
    let after = open;
    for (;;) {
      if (values.length === FILTER_LIMITS.maxInValues) {
        throw tooComplexError(`IN list has more than ${FILTER_LIMITS.maxInValues} values.`, this.position(inToken));
      }
      values.push(this.value(after));
      after = this.peek();
      this.index++;
      if (after.kind === 'rparen') return values;
      if (after.kind !== 'comma') throw this.error("expected ',' or ')' in the value list", after);
    }
  }
}
