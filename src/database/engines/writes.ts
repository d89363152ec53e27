import { createRowMapper } from '../../common/values/output';
import { typeFamily } from '../../common/values/type-families';
import { buildDelete, buildInsert, buildUpdate, type DeleteSpec, type InsertSpec, type UpdateSpec, type WriteStatement } from '../sql/write';
import type { SqlRunner } from './runner';

/**
 * Writes of the records API over a runner, returning typed rows of the `returning` columns
 * (usually the key) in row order. Errors arrive translated (CONFLICT, VALUE_INVALID, …).
 */
export interface WriteResult {
  readonly affectedRows: number;
  /** RETURNING rows, typed; empty when not asked or not supported (see features). */
  readonly rows: readonly Record<string, unknown>[];
}

async function runWrite(runner: SqlRunner, statement: WriteStatement, context: Parameters<SqlRunner['run']>[1]): Promise<WriteResult & { insertId?: number | string }> {
  const result = await runner.run(statement.parts, context);
  const rows = statement.returning.length > 0 ? result.rows.map(createRowMapper(statement.returning)) : [];
  return { affectedRows: result.affectedRows, rows, insertId: result.insertId };
}

const paramValue = (part: unknown): unknown => (typeof part === 'object' && part !== null && 'param' in part ? (part as { param: unknown }).param : null);

/**
 * INSERT of `rows`; the returning columns are read back with RETURNING, or on MySQL rebuilt from
 * the written values and LAST_INSERT_ID (consecutive for one multi-row INSERT with
 * auto_increment_increment 1: https://dev.mysql.com/doc/refman/8.0/en/innodb-auto-increment-handling.html).
 */
export async function insertRows(runner: SqlRunner, spec: InsertSpec): Promise<WriteResult> {
  const result = await runWrite(runner, buildInsert(runner.engine, spec), {
    table: spec.table, operation: 'insert', columns: spec.columns.map((c) => c.name),
  });
  const returning = spec.returning ?? [];
  if (returning.length === 0 || runner.engine.features.insertReturning) return result;
  const first = Number(result.insertId ?? 0);
  const rows = spec.rows.map((row, i) => {
    const raw: Record<string, unknown> = {};
    returning.forEach((column, c) => {
      const at = spec.columns.indexOf(column);
      raw[`c${c}`] = at >= 0 ? paramValue(row[at]) : column.autoIncrement && first > 0 ? first + i : null;
    });
    return raw;
  });
  const mapper = createRowMapper(returning.map((column, c) => ({ key: column.name, alias: `c${c}`, family: typeFamily(column.type) })));
  return { affectedRows: result.affectedRows, rows: rows.map(mapper) };
}

/** UPDATE; RETURNING rows on PostgreSQL and SQLite. */
export async function updateRows(runner: SqlRunner, spec: UpdateSpec): Promise<WriteResult> {
  const { affectedRows, rows } = await runWrite(runner, buildUpdate(runner.engine, spec), {
    table: spec.table, operation: 'update', columns: spec.set.map((s) => s.column.name),
  });
  return { affectedRows, rows };
}

/** DELETE; RETURNING rows on PostgreSQL, SQLite and MariaDB. */
export async function deleteRows(runner: SqlRunner, spec: DeleteSpec): Promise<WriteResult> {
  const { affectedRows, rows } = await runWrite(runner, buildDelete(runner.engine, spec), { table: spec.table, operation: 'delete' });
  return { affectedRows, rows };
}
