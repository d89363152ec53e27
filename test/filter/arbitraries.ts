/**
 * fast-check arbitraries for filter trees: the shape (AND/OR/NOT over predicates) is shared, the
 * operands and values are supplied by each property.
 */
import fc from 'fast-check';
import type { CompareOp, FilterNode, MatchOp, Operand, Value } from '../../src/filter/ast';
import { LOOKUP_MODIFIERS } from '../../src/filter/lookups';

export const COMPARE_OPS: readonly CompareOp[] = ['=', '<>', '>', '>=', '<', '<='];
export const MATCH_OPS: readonly MatchOp[] = ['like', 'contains', 'starts', 'ends'];

export interface LeafArbitraries {
  readonly operand: fc.Arbitrary<Operand>;
  /** A value for a comparison, IN or BETWEEN against this operand. */
  readonly value: (operand: Operand) => fc.Arbitrary<Value>;
  /** A value for LIKE/CONTAINS/…; omit to generate no match predicates. */
  readonly pattern?: (operand: Operand, op: MatchOp) => fc.Arbitrary<Value>;
  /** Which operands get match predicates (default: all, when `pattern` is given). */
  readonly matchable?: (operand: Operand) => boolean;
  readonly maxInValues?: number;
}

/** One predicate whose values fit its operand. */
export function predicateArb(leaf: LeafArbitraries): fc.Arbitrary<FilterNode> {
  return leaf.operand.chain((operand) => {
    const value = leaf.value(operand);
    const kinds: fc.Arbitrary<FilterNode>[] = [
      fc.record({ kind: fc.constant('compare' as const), operand: fc.constant(operand), op: fc.constantFrom(...COMPARE_OPS), value }),
      fc.record({
        kind: fc.constant('in' as const), operand: fc.constant(operand),
        values: fc.array(value, { maxLength: leaf.maxInValues ?? 4 }), negated: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('between' as const), operand: fc.constant(operand), low: value, high: value, negated: fc.boolean() }),
      fc.record({ kind: fc.constant('isNull' as const), operand: fc.constant(operand), negated: fc.boolean() }),
    ];
    const pattern = leaf.pattern;
    if (pattern && (leaf.matchable?.(operand) ?? true)) {
      kinds.push(fc.constantFrom(...MATCH_OPS).chain((op) =>
        fc.record({ kind: fc.constant('match' as const), operand: fc.constant(operand), op: fc.constant(op), value: pattern(operand, op), negated: fc.boolean() })));
    }
    return fc.oneof(...kinds);
  });
}

/** Trees of AND/OR (2-3 items) and NOT over predicates, at most `maxDepth` levels. */
export function filterArb(leaf: LeafArbitraries, maxDepth = 4): fc.Arbitrary<FilterNode> {
  const predicate = predicateArb(leaf);
  const { node } = fc.letrec<{ node: FilterNode; group: FilterNode; not: FilterNode }>((tie) => ({
    node: fc.oneof(
      { maxDepth, depthSize: 'medium' },
      { arbitrary: predicate, weight: 2 }, { arbitrary: tie('group'), weight: 3 }, { arbitrary: tie('not'), weight: 1 },
    ),
    group: fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), items: fc.array(tie('node'), { minLength: 2, maxLength: 3 }) }),
    not: fc.record({ kind: fc.constant('not' as const), item: tie('node') }),
  }));
  return node;
}

const NO_NUL = (s: string): string => s.replace(/\0/g, '');

/** Any text but NUL (which the language refuses everywhere). */
export const textArb = fc.string({ unit: 'binary', maxLength: 12 }).map(NO_NUL);

const BARE_CHARS = [...'abcXYZ019-_.%$#@~^*+/\\?:[]é’＇😀ß\u00a0'];
const FUNCTION_WORDS = new Set(['CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP']);
const WHITESPACE = [' ', '  ', '\t', '\n', ' \r\n '];

/** One bare word: not AND/OR, not a `:param`, so it reads back as a word. */
export const bareWordArb = fc.array(fc.constantFrom(...BARE_CHARS), { minLength: 1, maxLength: 8 })
  .map((chars) => chars.join(''))
  .filter((w) => !['AND', 'OR'].includes(w.toUpperCase()) && !/^:[A-Za-z_][A-Za-z0-9_]*$/.test(w));

/** A multi-word bare value whose first word is not a date/time function. */
export const bareValueArb: fc.Arbitrary<Value> = fc.tuple(
  bareWordArb.filter((w) => !FUNCTION_WORDS.has(w.toUpperCase())),
  fc.array(fc.tuple(fc.constantFrom(...WHITESPACE), bareWordArb), { maxLength: 3 }),
).map(([first, rest]) => ({ kind: 'bare', value: first + rest.map(([space, word]) => space + word).join('') }));

const KEY = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,5}(\.[A-Za-z_][A-Za-z0-9_]{0,5}){0,2}$/);

/** Every kind of value the grammar has. */
export const anyValueArb: fc.Arbitrary<Value> = fc.oneof(
  textArb.map((value): Value => ({ kind: 'string', value })),
  bareValueArb,
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/).map((name): Value => ({ kind: 'param', name })),
  fc.record({ kind: fc.constant('lookup' as const), key: KEY, modifier: fc.constantFrom(null, ...Object.keys(LOOKUP_MODIFIERS)) }),
  fc.constantFrom('NOW', 'CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP').map((name): Value => ({ kind: 'function', name } as Value)),
);

/** Field names: plain identifiers, keywords, and arbitrary names that need backticks. */
export const fieldNameArb = fc.oneof(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_$]{0,10}$/),
  fc.constantFrom('in', 'Not', 'and', 'OR', 'like', 'between', 'null', 'sum', 'COUNT', 'now', 'ęś', 'a.b', '1st', 'a b', 'x`y'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 10 }).map(NO_NUL).filter((s) => s !== ''),
);
