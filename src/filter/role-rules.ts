import { assertNever, type CompareOp, type FilterNode, type MatchOp, type Operand, type Value } from './ast';
import { FILTER_LIMITS, FilterError, tooComplexError } from './filter.errors';

/** One entry of a role access row's `filters` (API.md 4.4, 6.6). */
export interface RoleFilterRule {
  readonly name: string;
  readonly operator: string;
  readonly value?: unknown;
}

type RuleShape =
  | { readonly kind: 'compare'; readonly op: CompareOp }
  | { readonly kind: 'match'; readonly op: MatchOp; readonly negated: boolean }
  | { readonly kind: 'in'; readonly negated: boolean }
  | { readonly kind: 'isNull'; readonly negated: boolean };

const OPERATORS: Readonly<Record<string, RuleShape>> = {
  '=': { kind: 'compare', op: '=' }, EQ: { kind: 'compare', op: '=' },
  '!=': { kind: 'compare', op: '<>' }, '<>': { kind: 'compare', op: '<>' }, NE: { kind: 'compare', op: '<>' },
  '>': { kind: 'compare', op: '>' }, GT: { kind: 'compare', op: '>' },
  '>=': { kind: 'compare', op: '>=' }, GTE: { kind: 'compare', op: '>=' }, GE: { kind: 'compare', op: '>=' },
  '<': { kind: 'compare', op: '<' }, LT: { kind: 'compare', op: '<' },
  '<=': { kind: 'compare', op: '<=' }, LTE: { kind: 'compare', op: '<=' }, LE: { kind: 'compare', op: '<=' },
  IN: { kind: 'in', negated: false }, 'NOT IN': { kind: 'in', negated: true },
  LIKE: { kind: 'match', op: 'like', negated: false }, 'NOT LIKE': { kind: 'match', op: 'like', negated: true },
  CONTAINS: { kind: 'match', op: 'contains', negated: false },
  'NOT CONTAINS': { kind: 'match', op: 'contains', negated: true },
  'STARTS WITH': { kind: 'match', op: 'starts', negated: false },
  'NOT STARTS WITH': { kind: 'match', op: 'starts', negated: true },
  'ENDS WITH': { kind: 'match', op: 'ends', negated: false },
  'NOT ENDS WITH': { kind: 'match', op: 'ends', negated: true },
  'IS NULL': { kind: 'isNull', negated: false }, 'IS NOT NULL': { kind: 'isNull', negated: true },
};

const normalise = (operator: string): string => operator.trim().replace(/\s+/g, ' ').toUpperCase();

/**
 * Whether a role filter may use this operator (role validation answers 400 VALUE_INVALID otherwise).
 * @example isRoleFilterOperator('not in') // true
 */
export function isRoleFilterOperator(operator: string): boolean {
  return Object.hasOwn(OPERATORS, normalise(operator));
}

/**
 * Role record-filter rules → the same tree a filter text gives; `undefined` when there are none.
 * @example filterFromRoleRules([{ name: 'owner_id', operator: '=', value: '{user.id}' }], 'AND')
 *   // { kind: 'compare', operand: owner_id, op: '=', value: { kind: 'lookup', key: 'user.id', modifier: null } }
 */
export function filterFromRoleRules(rules: readonly RoleFilterRule[], filterOp = 'AND'): FilterNode | undefined {
  const nodes = rules.map(ruleNode);
  if (nodes.length <= 1) return nodes[0];
  return { kind: normalise(filterOp) === 'OR' ? 'or' : 'and', items: nodes };
}

function ruleNode(rule: RoleFilterRule): FilterNode {
  const shape = OPERATORS[normalise(rule.operator)];
  if (!shape) throw new FilterError('FILTER_SYNTAX', `Unsupported operator '${rule.operator}' in role filter.`);
  const operand: Operand = { kind: 'field', name: String(rule.name ?? '').trim() };
  switch (shape.kind) {
    case 'compare':
      return { kind: 'compare', operand, op: shape.op, value: readValue(rule.value) };
    case 'match':
      return { kind: 'match', operand, op: shape.op, value: readValue(rule.value), negated: shape.negated };
    case 'in':
      return { kind: 'in', operand, values: readList(rule.value), negated: shape.negated };
    case 'isNull':
      return { kind: 'isNull', operand, negated: shape.negated };
    default:
      return assertNever(shape);
  }
}

const LOOKUP_RE = /^\{(?:([A-Za-z_][A-Za-z0-9_]*)\(([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\)|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*))\}$/;

/**
 * A rule value: a whole `{lookup}`, a quoted string (`''` undone), else the trimmed text taken
 * literally (lookups inside it are still substituted, as in a quoted filter value).
 * @example readValue("'O''Brien'") // { kind: 'string', value: "O'Brien" }
 */
export function readValue(raw: unknown): Value {
  const text = typeof raw === 'string' ? raw.trim() : raw === null || raw === undefined ? 'NULL' : String(raw);
  const lookup = LOOKUP_RE.exec(text);
  if (lookup) return { kind: 'lookup', key: (lookup[3] ?? lookup[2]) as string, modifier: lookup[1] ?? null };
  const quote = text[0];
  if ((quote === "'" || quote === '"') && text.length >= 2 && text.endsWith(quote)) {
    const inner = text.slice(1, -1);
    // Only a properly doubled inner quote keeps it one string; otherwise it is literal text.
    if (!inner.replaceAll(quote + quote, '').includes(quote)) return { kind: 'string', value: inner.replaceAll(quote + quote, quote) };
  }
  if (text.toUpperCase() === 'NULL') return { kind: 'bare', value: text };
  return { kind: 'string', value: text };
}

/** `(a, 'b, c', {user.id})` → three values; commas inside quotes do not split. */
function readList(raw: unknown): Value[] {
  let text = typeof raw === 'string' ? raw.trim() : String(raw ?? '');
  if (text.startsWith('(') && text.endsWith(')')) text = text.slice(1, -1);
  const values = splitList(text).map(readValue);
  if (values.length > FILTER_LIMITS.maxInValues) throw tooComplexError(`IN list has more than ${FILTER_LIMITS.maxInValues} values.`);
  return values;
}

function splitList(text: string): string[] {
  if (text.trim() === '') return [];
  const items: string[] = [];
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote !== null) {
      if (c === quote) quote = null; // a doubled quote closes and reopens: same effect
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === ',') {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  items.push(text.slice(start));
  return items;
}
