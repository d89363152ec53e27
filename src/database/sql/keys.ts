import type { ColumnSchema } from '../schema-cache/schema.types';
import { ident, joinParts, param, type Part } from './parts';
import type { OrderItem } from './target';

/**
 * Condition selecting rows by key values: `"id" IN (…)` for one key column, an OR of ANDs for a
 * composite key; no tuples → a false predicate (`IN ()` is invalid SQL).
 * @example whereKeys([id], [[3], [7]])  // "id" IN ($1, $2)  params [3, 7]
 */
export function whereKeys(keys: readonly ColumnSchema[], tuples: readonly (readonly unknown[])[]): Part[] {
  if (tuples.length === 0 || keys.length === 0) return ['1 = 0'];
  const [only] = keys;
  if (keys.length === 1 && only) {
    return [ident(only.name), ' IN (', ...joinParts(tuples.map((t) => [param(t[0])]), ', '), ')'];
  }
  const match = (tuple: readonly unknown[]): Part[] => ['(', ...joinParts(keys.map((k, i) => [ident(k.name), ' = ', param(tuple[i])]), ' AND '), ')'];
  return ['(', ...joinParts(tuples.map(match), ' OR '), ')'];
}

/**
 * ORDER BY item returning rows in the order of the given key tuples (reads by ids keep request order).
 * @example orderByKeyPosition([id], [[7], [3]])  // CASE WHEN "id" = $1 THEN 0 WHEN "id" = $2 THEN 1 END
 */
export function orderByKeyPosition(keys: readonly ColumnSchema[], tuples: readonly (readonly unknown[])[]): OrderItem {
  const whens = tuples.map((tuple, position): Part[] => [
    ' WHEN ', ...joinParts(keys.map((k, i) => [ident(k.name), ' = ', param(tuple[i])]), ' AND '), ` THEN ${position}`,
  ]);
  return { expr: whens.length > 0 ? ['CASE', ...whens.flat(), ' END'] : ['0'], direction: 'ASC' };
}

/**
 * A comparable text for key values, equal for a request id and the row's key however each was
 * typed (`3` and `'3'`, bigint digits as text).
 * @example keyText([3, 'a'])  // '["3","a"]'
 */
export function keyText(values: readonly unknown[]): string {
  return JSON.stringify(values.map((v) => (v === null || v === undefined ? null : String(v))));
}
