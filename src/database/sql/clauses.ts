import type { Dialect } from '../dialect/dialect';
import type { ColumnSchema } from '../schema-cache/schema.types';
import { fieldExpr, type SelectField } from './fields';
import { ident, joinParts, param, type Part } from './parts';
import type { EngineFeatures, OrderItem } from './target';

/**
 * An ORDER BY item for a field or column.
 * @example orderBy(ageColumn, 'DESC', 'LAST')  // { expr: [{ ident: 'age' }], direction: 'DESC', nulls: 'LAST' }
 */
export function orderBy(field: SelectField | ColumnSchema, direction: 'ASC' | 'DESC' = 'ASC', nulls?: 'FIRST' | 'LAST'): OrderItem {
  const expr = 'kind' in field ? fieldExpr(field) : [ident(field.name)];
  return nulls ? { expr, direction, nulls } : { expr, direction };
}

/**
 * ` ORDER BY …` with NULLS FIRST/LAST, emulated by sorting on `x IS NULL` first where the engine
 * lacks it (MySQL/MariaDB: https://mariadb.com/kb/en/null-values/#ordering).
 * @example orderClause([orderBy(age, 'ASC', 'LAST')], mysqlFeatures)  // ' ORDER BY `age` IS NULL ASC, `age` ASC'
 */
export function orderClause(order: readonly OrderItem[] | undefined, features: EngineFeatures): Part[] {
  if (!order || order.length === 0) return [];
  const items = order.map((item): Part[] => {
    if (!item.nulls) return [...item.expr, ` ${item.direction}`];
    if (features.nullsOrdering) return [...item.expr, ` ${item.direction} NULLS ${item.nulls}`];
    return [...item.expr, ` IS NULL ${item.nulls === 'FIRST' ? 'DESC' : 'ASC'}, `, ...item.expr, ` ${item.direction}`];
  });
  return [' ORDER BY ', ...joinParts(items, ', ')];
}

/**
 * ` LIMIT … OFFSET …` as parameters; an offset without a limit gets the engine's "no limit".
 * @example limitClause(postgres, 100, 200)  // [' LIMIT ', {param: 100}, ' OFFSET ', {param: 200}]
 */
export function limitClause(dialect: Dialect, limit?: number, offset?: number): Part[] {
  const parts: Part[] = [];
  if (limit !== undefined) parts.push(' LIMIT ', param(limit));
  else if (offset) {
    if (dialect.name === 'mysql') parts.push(' LIMIT 18446744073709551615');
    if (dialect.name === 'sqlite') parts.push(' LIMIT -1');
  }
  if (offset) parts.push(' OFFSET ', param(offset));
  return parts;
}

/** ` WHERE …` around a condition, or nothing. */
export function whereClause(where: readonly Part[] | undefined): Part[] {
  return where && where.length > 0 ? [' WHERE ', ...where] : [];
}

/** `"a", "b"` for a list of columns. */
export function columnList(columns: readonly ColumnSchema[]): Part[] {
  return joinParts(columns.map((c) => [ident(c.name)]), ', ');
}
