import type { OutputColumn } from '../../common/values/output';
import type { SqlFunctionName } from '../dialect/dialect';
import type { ColumnSchema, TableSchema } from '../schema-cache/schema.types';
import { columnList, whereClause } from './clauses';
import { outputSource } from './fields';
import { ident, joinParts, type Part } from './parts';
import { selectList } from './select';
import type { SqlTarget } from './target';

/** A value to write: `param(v)` for data, `sqlFunction(…)` for the allowed date/time functions. */
export type WriteValue = Part;

/**
 * The SQL text of an allowed function (`{"expression":"NOW()"}`, automatic timestamps).
 * @example sqlFunction(sqlite, 'NOW')  // 'CURRENT_TIMESTAMP'
 */
export function sqlFunction(target: Pick<SqlTarget, 'dialect'>, fn: SqlFunctionName): WriteValue {
  return target.dialect.sqlFunction(fn);
}

export interface WriteStatement {
  readonly parts: Part[];
  /** Typing of the RETURNING columns (aliases `c0…`); empty without RETURNING. */
  readonly returning: readonly OutputColumn[];
}

function returningClause(target: SqlTarget, columns: readonly ColumnSchema[] | undefined): { parts: Part[]; returning: OutputColumn[] } {
  if (!columns || columns.length === 0) return { parts: [], returning: [] };
  const sources = columns.map((c) => outputSource({ kind: 'column', column: c }));
  return {
    parts: [' RETURNING ', ...selectList(sources.map((s, i) => ({ expr: target.rowValue(s), alias: `c${i}` })))],
    returning: sources.map((s, i) => ({ key: s.key, alias: `c${i}`, family: s.family })),
  };
}

export interface InsertSpec {
  readonly table: TableSchema;
  readonly columns: readonly ColumnSchema[];
  /** One list of values per row, aligned with `columns`. */
  readonly rows: readonly (readonly WriteValue[])[];
  /** Columns to read back with RETURNING; ignored when the engine has no INSERT … RETURNING. */
  readonly returning?: readonly ColumnSchema[];
}

/**
 * INSERT of one or more rows with the same columns, reading back `returning` where supported.
 * @example buildInsert(pg, { table: contact, columns: [name], rows: [[param('Jo')], [param('Li')]], returning: [id] })
 *   // INSERT INTO "contact" ("name") VALUES ($1), ($2) RETURNING "id" AS "c0"
 */
export function buildInsert(target: SqlTarget, spec: InsertSpec): WriteStatement {
  const ret = target.features.insertReturning ? returningClause(target, spec.returning) : { parts: [], returning: [] };
  const head: Part[] = ['INSERT INTO ', ident(spec.table.name)];
  if (spec.columns.length === 0) {
    if (spec.rows.length !== 1) throw new Error('An insert without columns writes exactly one row.');
    const values = target.dialect.name === 'mysql' ? ' () VALUES ()' : ' DEFAULT VALUES';
    return { parts: [...head, values, ...ret.parts], returning: ret.returning };
  }
  const arrays = target.dialect.name === 'postgres' ? postgresArrayTypes(spec) : undefined;
  if (arrays) return { parts: [...head, ' (', ...columnList(spec.columns), ') ', ...unnestRows(spec, arrays), ...ret.parts], returning: ret.returning };
  // Built with pushes: a batch of 1,000 rows is tens of thousands of parts.
  const parts: Part[] = [...head, ' (', ...columnList(spec.columns), ') VALUES '];
  spec.rows.forEach((row, r) => {
    parts.push(r === 0 ? '(' : ', (');
    row.forEach((value, i) => {
      if (i > 0) parts.push(', ');
      parts.push(value);
    });
    parts.push(')');
  });
  for (const part of ret.parts) parts.push(part);
  return { parts, returning: ret.returning };
}

/**
 * PostgreSQL array types of base column types whose values node-postgres writes into an array
 * literal as it writes them one by one (format_type names, modifiers dropped).
 */
const PG_ARRAY_TYPES: Readonly<Record<string, string>> = {
  smallint: 'int2', integer: 'int4', bigint: 'int8', real: 'float4', 'double precision': 'float8', numeric: 'numeric',
  text: 'text', 'character varying': 'text', character: 'text', boolean: 'bool', uuid: 'uuid', date: 'date',
  'timestamp without time zone': 'timestamp', 'timestamp with time zone': 'timestamptz',
};

/**
 * For a batch of plain values (no SQL functions) into base-typed columns: the array type of each
 * column, so the rows travel as one array per column (as pgbench's and the floor's `unnest` do)
 * instead of one parameter per value. PostgreSQL parses and plans one short statement for every
 * batch size, and node-postgres binds a handful of parameters instead of thousands.
 */
function postgresArrayTypes(spec: InsertSpec): string[] | undefined {
  if (spec.rows.length < 2) return undefined;
  const types: string[] = [];
  for (const column of spec.columns) {
    const type = PG_ARRAY_TYPES[column.dbType.replace(/\(.*\)$/, '')];
    if (!type) return undefined;
    types.push(type);
  }
  for (const row of spec.rows) for (const value of row) if (typeof value !== 'object' || !('param' in value)) return undefined;
  return types;
}

/**
 * `SELECT "u"."c0", … FROM unnest($1::int4[], …) WITH ORDINALITY AS "u"("c0", …, "n") ORDER BY "u"."n"`:
 * the rows in request order (RETURNING then reads them back in that order), each value assigned to
 * its column as a VALUES list would (lengths, precision and not-null checked the same way).
 */
function unnestRows(spec: InsertSpec, types: readonly string[]): Part[] {
  const aliases = spec.columns.map((_, c) => `c${c}`);
  const parts: Part[] = ['SELECT ', ...joinParts(aliases.map((a) => [ident('u'), '.', ident(a)]), ', '), ' FROM unnest('];
  types.forEach((type, c) => {
    if (c > 0) parts.push(', ');
    parts.push({ param: spec.rows.map((row) => (row[c] as { readonly param: unknown }).param) }, `::${type}[]`);
  });
  parts.push(') WITH ORDINALITY AS ', ident('u'), '(', ...joinParts([...aliases, 'n'].map((a) => [ident(a)]), ', '), ') ORDER BY ', ident('u'), '.', ident('n'));
  return parts;
}

export interface UpdateSpec {
  readonly table: TableSchema;
  readonly set: readonly { readonly column: ColumnSchema; readonly value: WriteValue }[];
  /** Opaque condition (keys via `whereKeys`, or a filter); required: no accidental mass update. */
  readonly where: readonly Part[];
  readonly returning?: readonly ColumnSchema[];
}

/**
 * UPDATE … SET … WHERE …, with RETURNING where the engine has it (PostgreSQL, SQLite).
 * @example buildUpdate(pg, { table: contact, set: [{ column: age, value: param(33) }], where: whereKeys([id], [[10]]) })
 *   // UPDATE "contact" SET "age" = $1 WHERE "id" IN ($2)
 */
export function buildUpdate(target: SqlTarget, spec: UpdateSpec): WriteStatement {
  if (spec.set.length === 0) throw new Error('An update needs at least one column.');
  const ret = target.features.updateReturning ? returningClause(target, spec.returning) : { parts: [], returning: [] };
  const set = joinParts(spec.set.map((s) => [ident(s.column.name), ' = ', s.value]), ', ');
  return { parts: ['UPDATE ', ident(spec.table.name), ' SET ', ...set, ...whereClause(spec.where), ...ret.parts], returning: ret.returning };
}

export interface DeleteSpec {
  readonly table: TableSchema;
  /** Opaque condition; an empty list deletes every row (the caller's `force=true`). */
  readonly where: readonly Part[];
  readonly returning?: readonly ColumnSchema[];
}

/**
 * DELETE FROM … WHERE …, with RETURNING where the engine has it (PostgreSQL, SQLite, MariaDB).
 * @example buildDelete(pg, { table: contact, where: whereKeys([id], [[11]]), returning: [id] })
 *   // DELETE FROM "contact" WHERE "id" IN ($1) RETURNING "id" AS "c0"
 */
export function buildDelete(target: SqlTarget, spec: DeleteSpec): WriteStatement {
  const ret = target.features.deleteReturning ? returningClause(target, spec.returning) : { parts: [], returning: [] };
  return { parts: ['DELETE FROM ', ident(spec.table.name), ...whereClause(spec.where), ...ret.parts], returning: ret.returning };
}
