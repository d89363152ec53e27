import { AppError } from '../common/errors';
import type { Dialect } from '../database/dialect/dialect';
import type { Part } from '../database/sql/parts';
import { findColumn, type ColumnSchema, type TableSchema } from '../database/schema-cache/schema.types';
import type { AggregateFn, Target } from './ast';
import { targetParts } from './compile';
import { aggregateFromOutputName, aggregateTarget, columnTarget } from './targets';

/** `fields`, `group` and `order` (API.md 3.3, 3.11): names from the schema only, never SQL text. */

export interface SelectItem {
  readonly target: Target;
  /** Key in the response: the column's schema spelling, or `SUM_total` / `COUNT_ALL`. */
  readonly outputName: string;
}

export interface OrderItem {
  readonly target: Target;
  readonly direction: 'ASC' | 'DESC';
  readonly nulls: 'FIRST' | 'LAST' | null;
}

export interface GroupOptions {
  /** Resolved `group` columns; when present, aggregates are allowed and plain columns must be grouped. */
  readonly group?: readonly string[];
}

const AGGREGATE_RE = /^(SUM|AVG|MIN|MAX|COUNT)\s*\(\s*([^()]*?)\s*\)/i;
const ORDER_TAIL_RE = /^(?:(ASC|DESC))?(?:\s+NULLS\s+(FIRST|LAST)|^NULLS\s+(FIRST|LAST))?$/i;

const items = (text: string): string[] => text.split(',').map((s) => s.trim()).filter((s) => s !== '');

/**
 * `group`: comma list of columns → schema spellings, in order, without duplicates.
 * @example parseGroup('Status, region', orders) // ['status', 'region']
 */
export function parseGroup(text: string, table: TableSchema): string[] {
  const names = items(text).map((item) => {
    const column = findColumn(table, item);
    if (!column) throw new AppError('FIELD_UNKNOWN', `Invalid or unknown field '${item}' in group by clause.`);
    return column.name;
  });
  return [...new Set(names)];
}

/**
 * `fields`: `*` (all columns), column names, and with `group` the aggregates `SUM(c)` … `COUNT(*)`.
 * An empty text gives `[]` (the caller picks the key fields).
 * @example parseFields('status,COUNT(*),SUM(total)', orders, { group: ['status'] })
 *   // outputs status, COUNT_ALL, SUM_total
 */
export function parseFields(text: string, table: TableSchema, options: GroupOptions = {}): SelectItem[] {
  const out = new Map<string, SelectItem>();
  for (const item of items(text)) {
    if (item === '*') {
      for (const column of table.columns) add(out, plainColumn(column, options, item));
      continue;
    }
    const target = fieldItem(item, table, options);
    if (!target) throw new AppError('FIELD_UNKNOWN', `Invalid field requested: ${item}`);
    add(out, target);
  }
  return [...out.values()];
}

function fieldItem(item: string, table: TableSchema, options: GroupOptions): Target | undefined {
  const aggregate = AGGREGATE_RE.exec(item);
  if (aggregate && aggregate[0].length === item.length) return aggregateItem(aggregate, table, options);
  const column = findColumn(table, item);
  return column && plainColumn(column, options, item);
}

function add(out: Map<string, SelectItem>, target: Target): void {
  const outputName = target.kind === 'column' ? target.name : target.typing.name;
  if (!out.has(outputName)) out.set(outputName, { target, outputName });
}

function plainColumn(column: ColumnSchema, options: GroupOptions, written: string): Target {
  if (options.group && !options.group.includes(column.name)) {
    throw new AppError('REQUEST_INVALID', `Field '${written === '*' ? column.name : written}' must appear in group or be aggregated.`);
  }
  return columnTarget(column);
}

function aggregateItem(m: RegExpExecArray, table: TableSchema, options: GroupOptions): Target | undefined {
  if (!options.group) return undefined;
  const fn = (m[1] as string).toUpperCase() as AggregateFn;
  const arg = m[2] as string;
  if (arg === '*') return fn === 'COUNT' ? aggregateTarget('COUNT', null) : undefined;
  const column = findColumn(table, arg);
  return column && aggregateTarget(fn, column);
}

/**
 * `order`: `field [ASC|DESC] [NULLS FIRST|NULLS LAST]`, comma separated; with `group`, group
 * columns and aggregates in either spelling (`SUM(total)`, `SUM_total`).
 * @example parseOrder('name ASC, age desc nulls last', contact)
 *   // [{ target: name, direction: 'ASC', nulls: null }, { target: age, direction: 'DESC', nulls: 'LAST' }]
 */
export function parseOrder(text: string, table: TableSchema, options: GroupOptions = {}): OrderItem[] {
  return items(text).map((item) => {
    const aggregate = AGGREGATE_RE.exec(item);
    const field = aggregate ? aggregate[0] : (item.split(/\s+/)[0] as string);
    const tail = ORDER_TAIL_RE.exec(item.slice(field.length).trim());
    if (!tail) throw new AppError('REQUEST_INVALID', 'Invalid order by clause in request.');
    const target = orderTarget(field, aggregate, table, options);
    const direction = (tail[1] ?? 'ASC').toUpperCase() as 'ASC' | 'DESC';
    const nulls = (tail[2] ?? tail[3])?.toUpperCase() as 'FIRST' | 'LAST' | undefined;
    return { target, direction, nulls: nulls ?? null };
  });
}

function orderTarget(field: string, aggregate: RegExpExecArray | null, table: TableSchema, options: GroupOptions): Target {
  const unknown = (): AppError => new AppError('FIELD_UNKNOWN', `Invalid field '${field}' in order by clause.`);
  if (aggregate) return aggregateItem(aggregate, table, options) ?? throwError(unknown());
  const column = findColumn(table, field);
  if (!options.group) return column ? columnTarget(column) : throwError(unknown());
  if (column && options.group.includes(column.name)) return columnTarget(column);
  const byOutputName = aggregateFromOutputName(field, table);
  if (byOutputName) return byOutputName;
  return column ? plainColumn(column, options, field) : throwError(unknown());
}

function throwError(error: AppError): never {
  throw error;
}

/**
 * `ORDER BY` list. MySQL/MariaDB lack `NULLS FIRST|LAST`: there it sorts on `x IS NULL` first
 * (https://dev.mysql.com/doc/refman/8.0/en/working-with-null.html).
 * @example render(orderParts(parseOrder('age desc nulls last', t), mysql), mysql).text // '`age` IS NULL ASC, `age` DESC'
 */
export function orderParts(order: readonly OrderItem[], dialect: Dialect): Part[] {
  const out: Part[] = [];
  for (const item of order) {
    if (out.length > 0) out.push(', ');
    const target = targetParts(item.target);
    if (item.nulls && dialect.name === 'mysql') {
      out.push(...target, item.nulls === 'LAST' ? ' IS NULL ASC, ' : ' IS NULL DESC, ');
      out.push(...target, ` ${item.direction}`);
    } else {
      out.push(...target, ` ${item.direction}`, item.nulls ? ` NULLS ${item.nulls}` : '');
    }
  }
  return out.filter((p) => p !== '');
}

/**
 * One select-list entry: a column, or an aggregate with its output name.
 * @example selectItemParts(sumTotal) // ['SUM(', { ident: 'total' }, ')', ' AS ', { ident: 'SUM_total' }]
 */
export function selectItemParts(item: SelectItem): Part[] {
  if (item.target.kind === 'column') return targetParts(item.target);
  return [...targetParts(item.target), ' AS ', { ident: item.outputName }];
}
