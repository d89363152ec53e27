import type { OutputColumn } from '../../common/values/output';
import type { ColumnSchema, TableSchema } from '../schema-cache/schema.types';
import { columnList, limitClause, orderClause, whereClause } from './clauses';
import { outputSource, type SelectField, type OutputSource } from './fields';
import { ident, joinParts, type Part } from './parts';
import { allSources, type RelatedSpec } from './related';
import type { AliasedExpr, OrderItem, SqlTarget } from './target';

/** A read: fields in output order; `where`/`having` are opaque parts from the filter library. */
export interface SelectSpec {
  readonly table: TableSchema;
  readonly fields: readonly SelectField[];
  readonly where?: readonly Part[];
  readonly group?: readonly ColumnSchema[];
  readonly having?: readonly Part[];
  readonly order?: readonly OrderItem[];
  readonly limit?: number;
  readonly offset?: number;
  /** Related records embedded in each record after its fields (API.md 3.12.3), printed as JSON by the database. */
  readonly related?: readonly RelatedSpec[];
}

/** `SELECT a AS x, …` from aliased expressions. */
export function selectList(items: readonly AliasedExpr[]): Part[] {
  return joinParts(items.map((i) => [...i.expr, ' AS ', ident(i.alias)]), ', ');
}

/** Everything after the select list: FROM, WHERE, GROUP BY, HAVING, ORDER BY, LIMIT/OFFSET. */
export function selectTail(target: SqlTarget, spec: SelectSpec): Part[] {
  return [
    ' FROM ', ident(spec.table.name),
    ...whereClause(spec.where),
    ...(spec.group && spec.group.length > 0 ? [' GROUP BY ', ...columnList(spec.group)] : []),
    ...(spec.having && spec.having.length > 0 ? [' HAVING ', ...spec.having] : []),
    ...orderClause(spec.order, target.features),
    ...limitClause(target.dialect, spec.limit, spec.offset),
  ];
}

export interface RowsSelect {
  readonly parts: Part[];
  /** Feed to `createRowMapper` to type the result rows. */
  readonly columns: readonly OutputColumn[];
}

/**
 * The rows path: one result row per record, values in the form `outputValue` types (aliases `c0…`).
 * @example buildSelectRows(pg, { table: contact, fields: [id, name], limit: 10 }).parts
 *   // SELECT "id" AS "c0", "name" AS "c1" FROM "contact" LIMIT $1
 */
export function buildSelectRows(target: SqlTarget, spec: SelectSpec): RowsSelect {
  const sources = allSources(target, spec);
  const items = sources.map((s, i) => ({ expr: target.rowValue(s), alias: `c${i}` }));
  return {
    parts: ['SELECT ', ...selectList(items), ...selectTail(target, spec)],
    columns: sources.map((s, i) => ({ key: s.key, alias: `c${i}`, family: s.family })),
  };
}

/**
 * Number of rows (or groups) matching where/having, ignoring order and paging; column `n`.
 * @example buildCount(pg, { table: contact, fields: [], where: ['"age" > ', param(30)] })
 *   // SELECT COUNT(*) AS "n" FROM "contact" WHERE "age" > $1
 */
export function buildCount(target: SqlTarget, spec: SelectSpec): Part[] {
  const filtered: SelectSpec = { table: spec.table, fields: [], where: spec.where, group: spec.group, having: spec.having };
  if (!spec.group || spec.group.length === 0) return ['SELECT COUNT(*) AS ', ident('n'), ...selectTail(target, filtered)];
  return ['SELECT COUNT(*) AS ', ident('n'), ' FROM (SELECT 1 AS ', ident('x'), ...selectTail(target, filtered), ') ', ident('g')];
}

export interface JsonPageOptions {
  /** Fuse the count of matching rows into the same statement (column `count`). */
  readonly count?: boolean;
}

/**
 * The JSON path for a page: ONE row whose column `resource` is the JSON array text of the records
 * (typed per API.md 3.15.1, keys in field order) and, with `count`, column `count`. Where the engine
 * prints rows faster (`pagesAsRows`), a page without a count is one row per record instead.
 * @example buildJsonPage(pg, spec, { count: true })
 *   // SELECT (SELECT COUNT(*) …)::text AS "count", '[' || coalesce(string_agg(row_to_json(t)::text, ','), '') || ']' AS "resource" FROM (SELECT … LIMIT $2) t
 */
export function buildJsonPage(target: SqlTarget, spec: SelectSpec, options: JsonPageOptions = {}): Part[] {
  const sources: OutputSource[] = allSources(target, spec);
  const inner = {
    sources,
    order: spec.order ?? [],
    build: (select: readonly AliasedExpr[]): Part[] => ['SELECT ', ...selectList(select), ...selectTail(target, spec)],
  };
  if (pagesAsRows(target, options)) return [...(target.jsonPrefix ? [target.jsonPrefix] : []), ...target.jsonRows!(inner)];
  const count = options.count ? ['(', ...buildCount(target, spec), ')'] : null;
  return [...(target.jsonPrefix ? [target.jsonPrefix] : []), ...target.jsonArray(inner, count)];
}

/** Whether a page is read as one row per record (`jsonRows`) instead of one aggregated row. */
export function pagesAsRows(target: SqlTarget, options: JsonPageOptions): boolean {
  return !options.count && target.jsonRows !== undefined;
}

/**
 * The JSON path per record: rows with the key values (`k0…`, rows-path form, for matching ids) and
 * `j`, the record's JSON text. For reads by id(s) and re-reads after writes.
 * @example buildJsonRecords(sqlite, { table: contact, fields, where }, [idColumn])
 *   // SELECT CAST("id" AS TEXT) AS "k0", ? || json_quote("id") || … || '}' AS "j" FROM "contact" WHERE …
 */
export function buildJsonRecords(target: SqlTarget, spec: SelectSpec, keys: readonly ColumnSchema[]): Part[] {
  const related = spec.related !== undefined && spec.related.length > 0;
  const parts = target.jsonRecords({
    table: spec.table.name,
    sources: allSources(target, spec),
    keys: keys.map((c) => outputSource({ kind: 'column', column: c })),
    tail: [...whereClause(spec.where), ...orderClause(spec.order, target.features), ...limitClause(target.dialect, spec.limit, spec.offset)],
  });
  // Related records are aggregated: the prefix lifts MariaDB's GROUP_CONCAT length limit.
  return related && target.jsonPrefix ? [target.jsonPrefix, ...parts] : parts;
}

/** Whether the JSON path can print every field of this spec on this engine. */
export function canSelectJson(target: SqlTarget, spec: SelectSpec): boolean {
  const related = (spec.related ?? []).map((r): OutputSource => ({ key: r.key, expr: [], family: 'json', dbType: '', scale: null, embedded: true }));
  return target.canBuildJson([...spec.fields.map(outputSource), ...related]);
}
