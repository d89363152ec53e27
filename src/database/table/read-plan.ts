import { AppError } from '../../common/errors';
import type { RequestParams } from '../../common/http/params';
import type { LookupFn } from '../../filter';
import { buildFilterSql, buildHavingSql, parseFields, parseGroup, parseOrder, targetParts, type SelectItem } from '../../filter';
import type { Dialect } from '../dialect';
import type { ColumnSchema, TableSchema } from '../schema-cache/schema.types';
import { aggregateField, columnField, type SelectField } from '../sql/fields';
import type { Part } from '../sql/parts';
import type { RelatedSpec } from '../sql/related';
import type { OrderItem } from '../sql/target';

/** What a GET asks for, resolved against the schema (every name from the live schema). */
export interface ReadPlan {
  readonly fields: SelectField[];
  readonly where?: Part[];
  readonly group?: ColumnSchema[];
  readonly having?: Part[];
  readonly order: OrderItem[];
  /** Related records to embed (API.md 3.12.3); their local keys are already among `fields`. */
  readonly related?: RelatedSpec[];
}

export interface PlanContext {
  readonly dialect: Dialect;
  readonly lookup: LookupFn;
  /** Extra condition AND-ed with the client's filter (role record filter). */
  readonly roleFilter?: readonly Part[];
}

/** Key columns: `id_field` (resolved) or the primary key; KEY_UNDETERMINED when neither. */
export function keyColumns(table: TableSchema, idField: readonly string[] | undefined): ColumnSchema[] {
  if (idField && idField.length > 0) {
    return idField.map((name) => {
      const column = table.columns.find((c) => c.name === name) ?? table.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
      if (!column) throw new AppError('FIELD_UNKNOWN', `Invalid field requested: ${name}`);
      return column;
    });
  }
  if (table.primaryKey.length === 0) throw new AppError('KEY_UNDETERMINED', 'Identifying field(s) could not be determined.');
  return table.primaryKey.map((name) => table.columns.find((c) => c.name === name)!);
}

/** The key columns when there are any, else undefined (for ordering and defaults). */
export function primaryKeyColumns(table: TableSchema): ColumnSchema[] {
  return table.primaryKey.map((name) => table.columns.find((c) => c.name === name)).filter((c): c is ColumnSchema => c !== undefined);
}

/**
 * `fields`: absent → all columns; empty → the key fields; `*` → all; a list → those (with
 * aggregates when grouped). Unknown names → FIELD_UNKNOWN (API.md 3.3, 3.11).
 */
export function selectFields(table: TableSchema, text: string | undefined, keys: readonly ColumnSchema[], group?: readonly string[]): SelectField[] {
  if (text === undefined) {
    if (group) return group.map((name) => columnField(table.columns.find((c) => c.name === name)!));
    return table.columns.map(columnField);
  }
  if (text.trim() === '') return keys.map(columnField);
  return parseFields(text, table, group ? { group } : {}).map((item) => toSelectField(item, table));
}

function toSelectField(item: SelectItem, table: TableSchema): SelectField {
  const target = item.target;
  if (target.kind === 'column') return columnField(table.columns.find((c) => c.name === target.name)!);
  const column = target.column === null ? null : table.columns.find((c) => c.name === target.column)!;
  return aggregateField(target.fn, column);
}

/** Resolves fields, filter, group, having and order of a read. */
export function readPlan(table: TableSchema, params: RequestParams, context: PlanContext, keys: readonly ColumnSchema[]): ReadPlan {
  const groupText = params.string('group');
  const group = groupText !== undefined && groupText.trim() !== '' ? parseGroup(groupText, table) : undefined;
  const havingText = params.string('having');
  if (havingText !== undefined && havingText.trim() !== '' && !group) throw new AppError('REQUEST_INVALID', 'having requires group.');
  const filterContext = { params: params.object('params'), lookup: context.lookup };
  const filterText = params.string('filter');
  const client = filterText !== undefined && filterText.trim() !== '' ? buildFilterSql(filterText, table, context.dialect, filterContext) : undefined;
  const where = combine(context.roleFilter, client);
  const having = group && havingText !== undefined && havingText.trim() !== '' ? buildHavingSql(havingText, table, group, context.dialect, filterContext) : undefined;
  const orderText = params.string('order');
  const order: OrderItem[] = orderText !== undefined && orderText.trim() !== ''
    ? parseOrder(orderText, table, group ? { group } : {}).map((item) => ({ expr: targetParts(item.target), direction: item.direction, ...(item.nulls ? { nulls: item.nulls } : {}) }))
    : group ? [] : keys.map((column) => ({ expr: [{ ident: column.name }], direction: 'ASC' as const }));
  return {
    fields: selectFields(table, params.string('fields'), keys, group),
    where,
    group: group?.map((name) => table.columns.find((c) => c.name === name)!),
    having,
    order,
  };
}

/** `(a) AND (b)`, either side optional. */
export function combine(a: readonly Part[] | undefined, b: readonly Part[] | undefined): Part[] | undefined {
  if (a && a.length > 0 && b && b.length > 0) return ['(', ...a, ') AND (', ...b, ')'];
  if (a && a.length > 0) return [...a];
  if (b && b.length > 0) return [...b];
  return undefined;
}
