import { AppError } from '../../common/errors';
import { typeFamily } from '../../common/values/type-families';
import { countRows } from '../engines/records';
import type { SqlRunner } from '../engines/runner';
import type { ColumnSchema, TableSchema } from '../schema-cache/schema.types';
import type { Part } from '../sql/parts';

/**
 * Written values must stay inside the role's record filter (API.md 6.6): a create must satisfy it,
 * an update must leave the row inside it. The check runs in the write's own transaction, after the
 * statement and before the commit, with the database evaluating the filter exactly as reads do
 * (same types, collations and NULL rules); a violation rolls the write back.
 */

export function recordDenied(): AppError {
  return new AppError('ACCESS_RECORD_DENIED', 'Denied access to some of the requested fields.');
}

/**
 * Throws 403 ACCESS_RECORD_DENIED unless every row `where` finds also satisfies `filter`, and at
 * least one row is found (a written row that cannot be found again is not trusted).
 */
export async function assertInsideFilter(runner: SqlRunner, table: TableSchema, filter: readonly Part[] | undefined, where: readonly Part[]): Promise<void> {
  if (!filter || filter.length === 0) return;
  const all = await countRows(runner, { table, fields: [], where: [...where] });
  const inside = await countRows(runner, { table, fields: [], where: ['(', ...filter, ') AND (', ...where, ')'] });
  if (all === 0 || inside < all) throw recordDenied();
}

/** Families whose stored value compares equal to the written one on every engine. */
const COMPARABLE = new Set(['integer', 'bigid', 'boolean', 'decimal', 'string', 'date', 'uuid']);

/**
 * For tables without a key: the rows carrying the written values (`col = value`, `col IS NULL`).
 * Columns whose stored form may differ from the written one (floats, times, JSON, binary, SQL
 * functions) are left out: the condition then finds more rows, so the check only gets stricter.
 */
export function writtenRowsWhere(columns: readonly ColumnSchema[], values: readonly Part[]): Part[] {
  const parts: Part[] = [];
  columns.forEach((column, i) => {
    const value = values[i];
    if (typeof value !== 'object' || value === null || !('param' in value) || !COMPARABLE.has(typeFamily(column.type))) return;
    if (parts.length > 0) parts.push(' AND ');
    if (value.param === null) parts.push({ ident: column.name }, ' IS NULL');
    else parts.push({ ident: column.name }, ' = ', value);
  });
  return parts.length > 0 ? parts : ['1 = 1'];
}

/** Rows inside the filter, for by-filter updates of tables without a key (counted before and after). */
export function countInside(runner: SqlRunner, table: TableSchema, filter: readonly Part[]): Promise<number> {
  return countRows(runner, { table, fields: [], where: [...filter] });
}
