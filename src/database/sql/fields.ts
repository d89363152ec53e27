import { typeFamily, type TypeFamily } from '../../common/values/type-families';
import type { ColumnSchema } from '../schema-cache/schema.types';
import { ident, type Part } from './parts';

export type AggregateFunction = 'SUM' | 'AVG' | 'MIN' | 'MAX' | 'COUNT';

/** One item of a SELECT list: a column, or an aggregate over a column (`COUNT(*)` has none). */
export type SelectField =
  | { readonly kind: 'column'; readonly column: ColumnSchema }
  | { readonly kind: 'aggregate'; readonly fn: AggregateFunction; readonly column: ColumnSchema | null };

export const columnField = (column: ColumnSchema): SelectField => ({ kind: 'column', column });
export const aggregateField = (fn: AggregateFunction, column: ColumnSchema | null): SelectField => ({ kind: 'aggregate', fn, column });

/**
 * A value to output: its key in the record, the SQL producing it, and what the engines need to
 * print it (type family, declared type, scale).
 */
export interface OutputSource {
  readonly key: string;
  readonly expr: readonly Part[];
  readonly family: TypeFamily;
  /** Declared type of the underlying column, lower-cased; '' for computed values. */
  readonly dbType: string;
  readonly scale: number | null;
  /** The expression already yields the JSON of related records (json on PostgreSQL, JSON text elsewhere). */
  readonly embedded?: boolean;
}

/**
 * Output key of a field (API.md 3.11): the column name, or `SUM_total`, `COUNT_ALL`.
 * @example fieldKey(aggregateField('SUM', total))  // 'SUM_total'
 */
export function fieldKey(field: SelectField): string {
  if (field.kind === 'column') return field.column.name;
  return field.column ? `${field.fn}_${field.column.name}` : `${field.fn}_ALL`;
}

/**
 * SQL of a field, unformatted (what WHERE, GROUP BY and ORDER BY compare).
 * @example fieldExpr(aggregateField('COUNT', null))  // ['COUNT(*)']
 */
export function fieldExpr(field: SelectField): Part[] {
  if (field.kind === 'column') return [ident(field.column.name)];
  return field.column ? [`${field.fn}(`, ident(field.column.name), ')'] : [`${field.fn}(*)`];
}

/** The output source of a field: aggregates are typed by their result (API.md 3.11, 3.10.6). */
export function outputSource(field: SelectField): OutputSource {
  const key = fieldKey(field);
  const expr = fieldExpr(field);
  if (field.kind === 'column' || field.fn === 'MIN' || field.fn === 'MAX') {
    const column = field.column;
    if (column) return { key, expr, family: typeFamily(column.type), dbType: column.dbType, scale: column.scale };
  }
  if (field.kind === 'aggregate' && field.fn === 'COUNT') return { key, expr, family: 'integer', dbType: 'bigint', scale: null };
  // A sum keeps its decimal column's scale (as PostgreSQL and MySQL print it); an average does not.
  const scale = field.kind === 'aggregate' && field.fn === 'SUM' && field.column && typeFamily(field.column.type) === 'decimal' ? field.column.scale : null;
  return { key, expr, family: 'decimal', dbType: '', scale };
}
