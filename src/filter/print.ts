import { assertNever, type CompareOp, type FilterNode, type MatchOp, type Operand, type Value } from './ast';
import { FIELD_KEYWORDS, IDENTIFIER_RE } from './parser';

const OPS: Readonly<Record<CompareOp, string>> = { '=': '=', '<>': '!=', '>': '>', '>=': '>=', '<': '<', '<=': '<=' };
const MATCH: Readonly<Record<MatchOp, string>> = {
  like: 'LIKE', contains: 'CONTAINS', starts: 'STARTS WITH', ends: 'ENDS WITH',
};
/** Words a printed field name must not be, so it reads back as a field. */
const RESERVED = new Set([...FIELD_KEYWORDS, 'AND', 'OR', 'SUM', 'AVG', 'MIN', 'MAX', 'COUNT']);

/**
 * Prints a tree as filter text that parses back to the same tree (`parseFilter(print(ast))`).
 * @example print(parseFilter("(a = 'x') or b IS NULL")) // "a = 'x' OR b IS NULL"
 */
export function print(node: FilterNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.items.map(printChild).join(node.kind === 'and' ? ' AND ' : ' OR ');
    case 'not':
      return `NOT ${printChild(node.item)}`;
    case 'compare':
      return `${printOperand(node.operand)} ${OPS[node.op]} ${printValue(node.value)}`;
    case 'match':
      return `${printOperand(node.operand)} ${not(node.negated)}${MATCH[node.op]} ${printValue(node.value)}`;
    case 'in':
      return `${printOperand(node.operand)} ${not(node.negated)}IN (${node.values.map(printValue).join(', ')})`;
    case 'between':
      return `${printOperand(node.operand)} ${not(node.negated)}BETWEEN ${printValue(node.low)} AND ${printValue(node.high)}`;
    case 'isNull':
      return `${printOperand(node.operand)} IS ${not(node.negated)}NULL`;
    default:
      return assertNever(node);
  }
}

const not = (negated: boolean): string => (negated ? 'NOT ' : '');

/** Groups are parenthesised under AND, OR and NOT; predicates never need it. */
function printChild(node: FilterNode): string {
  return node.kind === 'and' || node.kind === 'or' ? `(${print(node)})` : print(node);
}

/**
 * A field name, in backticks unless it is a plain identifier that is not a keyword.
 * @example printField('Order Date') // '`Order Date`'
 */
export function printField(name: string): string {
  const plain = IDENTIFIER_RE.test(name) && !RESERVED.has(name.toUpperCase());
  return plain ? name : `\`${name.replace(/`/g, '``')}\``;
}

function printOperand(operand: Operand): string {
  if (operand.kind === 'field') return printField(operand.name);
  return `${operand.fn}(${operand.field === null ? '*' : printField(operand.field)})`;
}

/**
 * A value; bare values are printed as written (the parser only produces re-readable ones).
 * @example printValue({ kind: 'string', value: "O'Brien" }) // "'O''Brien'"
 */
export function printValue(value: Value): string {
  switch (value.kind) {
    case 'string':
      return `'${value.value.replace(/'/g, "''")}'`;
    case 'bare':
      return value.value;
    case 'param':
      return `:${value.name}`;
    case 'lookup':
      return value.modifier === null ? `{${value.key}}` : `{${value.modifier}(${value.key})}`;
    case 'function':
      return value.name === 'NOW' ? 'NOW()' : value.name;
    default:
      return assertNever(value);
  }
}
