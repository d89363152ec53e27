import { AppError } from '../../common/errors';
import type { JsonRecord } from '../../common/http/bodies';
import { coerceInput, writeExpression } from '../../common/values';
import type { Engine } from '../engines/engine';
import type { ColumnSchema, SimpleType, TableSchema } from '../schema-cache/schema.types';
import { sqlFunction, type WriteValue } from '../sql/write';

const MAX_KEYS = 1000;
const CREATE_STAMPS: ReadonlySet<SimpleType> = new Set(['timestamp_on_create', 'user_id_on_create']);

/** Columns and values of one record to write. */
export interface RecordValues {
  readonly columns: ColumnSchema[];
  readonly values: WriteValue[];
}

export interface InputContext {
  readonly engine: Engine;
  /** The caller's user id, for user_id_on_create / user_id_on_update (null for guests). */
  readonly userId: number | null;
  /** The column's effective simple type (remembered automatic types included). */
  readonly typeOf: (column: ColumnSchema) => SimpleType;
  /** Relationship names of the table: such keys are nested data, not columns. */
  readonly relationNames?: ReadonlySet<string>;
}

/**
 * Turns a record into column values for an INSERT or UPDATE (API.md 3.8): keys matched to columns
 * case-insensitively, unknown keys ignored, values typecast by column type (VALUE_INVALID naming
 * the field), `{"expression":…}` limited to the date/time functions, automatic columns set.
 * On update, key columns and auto-increment columns are not written.
 */
export function recordValues(table: TableSchema, record: JsonRecord, mode: 'insert' | 'update', context: InputContext, index = 0): RecordValues {
  const keys = Object.keys(record);
  if (keys.length > MAX_KEYS) throw new AppError('VALUE_INVALID', `A record may not have more than ${MAX_KEYS} keys.`);
  const columns: ColumnSchema[] = [];
  const values: WriteValue[] = [];
  const set = (column: ColumnSchema, value: WriteValue) => {
    const at = columns.indexOf(column);
    if (at >= 0) values[at] = value;
    else {
      columns.push(column);
      values.push(value);
    }
  };
  for (const key of keys) {
    if (context.relationNames !== undefined && context.relationNames.size > 0 && context.relationNames.has(key.toLowerCase())) continue;
    const column = resolveColumn(table, key);
    if (!column) continue;
    if (mode === 'update' && (column.isPrimaryKey || column.autoIncrement)) continue;
    // Who and when a row was created are the server's to say: clients cannot rewrite them later.
    if (mode === 'update' && CREATE_STAMPS.has(context.typeOf(column))) continue;
    const raw = record[key];
    const expression = writeExpression(raw);
    if (expression.kind === 'invalid') throw new AppError('VALUE_INVALID', expression.message);
    if (expression.kind === 'function') {
      set(column, sqlFunction(context.engine, expression.fn));
      continue;
    }
    const coerced = coerceInput(column, raw, context.engine.dialect);
    if (!coerced.ok) throw new AppError('VALUE_INVALID', coerced.message);
    set(column, { param: coerced.value });
  }
  for (const column of table.columns) {
    const type = context.typeOf(column);
    if (type === 'timestamp_on_update' || (mode === 'insert' && type === 'timestamp_on_create')) set(column, sqlFunction(context.engine, 'CURRENT_TIMESTAMP'));
    if (type === 'user_id_on_update' || (mode === 'insert' && type === 'user_id_on_create')) set(column, { param: context.userId });
  }
  if (mode === 'insert') checkRequired(table, columns, index);
  return { columns, values };
}

function resolveColumn(table: TableSchema, key: string): ColumnSchema | undefined {
  return table.columns.find((c) => c.name === key) ?? table.columns.find((c) => c.name.toLowerCase() === key.toLowerCase());
}

/** A required column (NOT NULL, no default, not generated) missing on insert (API.md 3.4, 3.8). */
function checkRequired(table: TableSchema, columns: readonly ColumnSchema[], index: number): void {
  for (const column of table.columns) {
    if (columns.includes(column) || column.allowNull || column.autoIncrement || (column.default !== null && column.default !== undefined)) continue;
    if (column.isPrimaryKey) throw new AppError('VALUE_INVALID', `Required id field(s) not found in record ${index}.`);
    throw new AppError('VALUE_INVALID', `Required field '${column.name}' can not be NULL.`);
  }
}
