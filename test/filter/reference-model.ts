/**
 * A JS model of what a compiled filter means in SQL, with SQL's three-valued logic: a comparison
 * with NULL is unknown (`null`), NOT unknown is unknown, AND/OR are Kleene's, and WHERE keeps only
 * rows whose condition is true. The differential test checks the real engines against it.
 */
import { assertNever, type BoundValue, type CheckedFilter, type CompareOp } from '../../src/filter/ast';

export type Truth = boolean | null;
export type Cell = number | string | boolean | null;
export type Row = Readonly<Record<string, Cell>>;

const not3 = (a: Truth): Truth => (a === null ? null : !a);

function and3(values: readonly Truth[]): Truth {
  if (values.includes(false)) return false;
  return values.includes(null) ? null : true;
}

function or3(values: readonly Truth[]): Truth {
  if (values.includes(true)) return true;
  return values.includes(null) ? null : false;
}

/** Orders two non-null cells of one column type (numbers, text by code unit, false < true). */
function order(a: Cell, b: Cell): number {
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function compare(op: CompareOp, a: Cell, b: Cell): Truth {
  if (a === null || b === null) return null;
  const c = order(a, b);
  switch (op) {
    case '=': return c === 0;
    case '<>': return c !== 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
    case '<': return c < 0;
    case '<=': return c <= 0;
    default: return assertNever(op);
  }
}

/** LIKE with `\` escaping the next character; `%` any run, `_` one character. */
export function like(text: string, pattern: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i] as string);
    else if (c === '%') source += '.*';
    else if (c === '_') source += '.';
    else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`, 'su').test(text);
}

const escapeRegExp = (c: string): string => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function valueOf(value: BoundValue): Cell {
  if (value.kind === 'function') throw new Error('functions are not modelled');
  const v = value.value;
  return v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : String(v);
}

/** The cell a target reads; match operators read the text form. */
function cellOf(row: Row, node: Exclude<CheckedFilter, { kind: 'and' | 'or' | 'not' }>): Cell {
  if (node.operand.kind !== 'column') throw new Error('aggregates are not modelled');
  const cell = row[node.operand.name] ?? null;
  return node.kind === 'match' && cell !== null ? String(cell) : cell;
}

/** Truth of a checked filter (bound for PostgreSQL, so booleans are booleans) on one row. */
export function evaluate(node: CheckedFilter, row: Row): Truth {
  switch (node.kind) {
    case 'and': return and3(node.items.map((item) => evaluate(item, row)));
    case 'or': return or3(node.items.map((item) => evaluate(item, row)));
    case 'not': return not3(evaluate(node.item, row));
    case 'compare': return compare(node.op, cellOf(row, node), valueOf(node.value));
    case 'match': {
      const [cell, pattern] = [cellOf(row, node), valueOf(node.value)];
      const matched = cell === null || pattern === null ? null : like(String(cell), String(pattern));
      return node.negated ? not3(matched) : matched;
    }
    case 'in': {
      // Compiled as 1 = 0 / 1 = 1: decided without looking at the row.
      if (node.values.length === 0) return node.negated;
      const cell = cellOf(row, node);
      const found = or3(node.values.map((v) => compare('=', cell, valueOf(v))));
      return node.negated ? not3(found) : found;
    }
    case 'between': {
      const cell = cellOf(row, node);
      const inside = and3([compare('>=', cell, valueOf(node.low)), compare('<=', cell, valueOf(node.high))]);
      return node.negated ? not3(inside) : inside;
    }
    case 'isNull': {
      const isNull = cellOf(row, node) === null;
      return node.negated ? !isNull : isNull;
    }
    default: return assertNever(node);
  }
}
