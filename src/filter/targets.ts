import { AppError } from '../common/errors';
import type { ColumnSchema, SimpleType, TableSchema } from '../database/schema-cache/schema.types';
import { findColumn, plainColumn } from '../database/schema-cache/schema.types';
import type { AggregateFn, Operand, Target } from './ast';

/**
 * Resolves an operand against a schema: a Target, or `undefined` when the name is unknown
 * (the filter then fails with FILTER_UNKNOWN_FIELD). A resolver may throw its own AppError.
 */
export type FieldResolver = (operand: Operand) => Target | undefined;

/**
 * A plain column as a target: rendered as its quoted name, values typed by it.
 * @example columnTarget(age) // { kind: 'column', name: 'age', typing: age } → "age"
 */
export function columnTarget(column: ColumnSchema): Target {
  return { kind: 'column', name: column.name, typing: column };
}

/**
 * Filters on a table: field names resolved with findColumn (exact, then unique case-insensitive).
 * @example checkFilter(parseFilter('AGE > 3'), tableResolver(contact), ctx) // compiles to "age" > $1
 */
export function tableResolver(table: TableSchema): FieldResolver {
  return columnsResolver(table.columns);
}

/** Filters over an explicit list of columns (e.g. a system resource's visible, filterable fields). */
export function columnsResolver(columns: readonly ColumnSchema[]): FieldResolver {
  const table = { columns } as TableSchema;
  return (operand) => {
    if (operand.kind !== 'field') return undefined;
    const column = findColumn(table, operand.name);
    return column && columnTarget(column);
  };
}

const RESULT_TYPE: Readonly<Record<'SUM' | 'AVG' | 'COUNT', SimpleType>> = { SUM: 'double', AVG: 'double', COUNT: 'bigint' };

/**
 * An aggregate over a column (`null` = `COUNT(*)`): COUNT types as integer, SUM/AVG as number,
 * MIN/MAX as the column (API.md 3.10.6). The typing column carries the output name for messages.
 * @example aggregateTarget('SUM', total) // { kind: 'aggregate', fn: 'SUM', column: 'total', … } → SUM("total")
 */
export function aggregateTarget(fn: AggregateFn, column: ColumnSchema | null): Target {
  const name = aggregateOutputName(fn, column?.name ?? null);
  const base: ColumnSchema = column ?? { ...COUNT_ALL_COLUMN };
  const type = fn === 'MIN' || fn === 'MAX' ? base.type : RESULT_TYPE[fn];
  const dbType = fn === 'MIN' || fn === 'MAX' ? base.dbType : type === 'bigint' ? 'bigint' : 'double precision';
  const typing: ColumnSchema = { ...base, name, type, dbType, length: null, allowNull: true };
  return { kind: 'aggregate', fn, column: column?.name ?? null, typing };
}

/** `SUM_total`, `COUNT_ALL` (API.md 3.11). */
export function aggregateOutputName(fn: AggregateFn, column: string | null): string {
  return column === null ? 'COUNT_ALL' : `${fn}_${column}`;
}

const OUTPUT_NAME_RE = /^(SUM|AVG|MIN|MAX|COUNT)_(.+)$/i;

/**
 * An aggregate named by its output spelling (`SUM_total`, `count_all`) against a table;
 * undefined when the text is no such name.
 * @example aggregateFromOutputName('SUM_total', orders) // SUM("total")
 */
export function aggregateFromOutputName(name: string, table: TableSchema): Target | undefined {
  const m = OUTPUT_NAME_RE.exec(name);
  if (!m) return undefined;
  const fn = (m[1] as string).toUpperCase() as AggregateFn;
  const rest = m[2] as string;
  if (fn === 'COUNT' && rest.toUpperCase() === 'ALL') return aggregateTarget('COUNT', null);
  const column = findColumn(table, rest);
  return column && aggregateTarget(fn, column);
}

/**
 * `having` over a grouped table: operands are group columns, aggregates of any column
 * (`SUM(total)`, `COUNT(*)`) or their output names (`SUM_total`, `COUNT_ALL`).
 * A column outside `group` → REQUEST_INVALID; an unknown name → FIELD_UNKNOWN.
 * @example checkFilter(parseFilter('SUM(total) > 10', { aggregates: true }), groupResolver(orders, ['status']), ctx)
 */
export function groupResolver(table: TableSchema, group: readonly string[]): FieldResolver {
  const grouped = new Set(group.map((g) => findColumn(table, g)?.name).filter((n) => n !== undefined));
  return (operand) => {
    if (operand.kind === 'aggregate') {
      if (operand.field === null) return aggregateTarget(operand.fn, null);
      const column = findColumn(table, operand.field);
      if (!column) throw unknownInHaving(`${operand.fn}(${operand.field})`);
      return aggregateTarget(operand.fn, column);
    }
    const column = findColumn(table, operand.name);
    if (column && grouped.has(column.name)) return columnTarget(column);
    const aggregate = aggregateFromOutputName(operand.name, table);
    if (aggregate) return aggregate;
    if (column) throw new AppError('REQUEST_INVALID', `Field '${operand.name}' must appear in group or be aggregated.`);
    throw unknownInHaving(operand.name);
  };
}

function unknownInHaving(name: string): AppError {
  return new AppError('FIELD_UNKNOWN', `Invalid or unknown field '${name}' in having clause.`);
}

const COUNT_ALL_COLUMN: ColumnSchema = plainColumn({ name: 'COUNT_ALL', type: 'bigint' });
