import { AppError } from '../../common/errors';
import { coerceInput } from '../../common/values';
import type { Dialect } from '../dialect';
import type { ColumnSchema } from '../schema-cache/schema.types';

export const MAX_IDS = 1000;

/**
 * Typecasts one record identifier to its key columns (API.md 3.3): `/{id}` of a composite key
 * carries the values in key order, comma-separated; a different count → VALUE_INVALID.
 */
export function keyTuple(keys: readonly ColumnSchema[], id: unknown, dialect: Dialect): unknown[] {
  const parts = keys.length > 1 && typeof id === 'string' ? id.split(',') : [id];
  if (parts.length !== keys.length) throw new AppError('VALUE_INVALID', `Identifier '${String(id)}' must carry ${keys.length} key values.`);
  return keys.map((column, index) => keyValue(column, parts[index], dialect));
}

/** The key values of a body record (`id_field` or key columns), or undefined when one is missing. */
export function recordKeyTuple(keys: readonly ColumnSchema[], record: Readonly<Record<string, unknown>>, dialect: Dialect): unknown[] | undefined {
  const values: unknown[] = [];
  for (const column of keys) {
    const key = Object.keys(record).find((k) => k === column.name) ?? Object.keys(record).find((k) => k.toLowerCase() === column.name.toLowerCase());
    const value = key === undefined ? undefined : record[key];
    if (value === undefined || value === null) return undefined;
    values.push(keyValue(column, value, dialect));
  }
  return values;
}

function keyValue(column: ColumnSchema, raw: unknown, dialect: Dialect): unknown {
  const value = typeof raw === 'string' ? raw.trim() : raw;
  const result = coerceInput(column, value, dialect);
  if (!result.ok) throw new AppError('VALUE_INVALID', result.message);
  if (result.value === null) throw new AppError('VALUE_INVALID', `Field '${column.name}' can not be NULL.`);
  return result.value;
}

/**
 * Key tuples of a by-ids or by-records request (API.md 3.3 modes 2–3, 3.6 modes 2–3): `ids` values
 * typecast to the key columns, or each body record's key fields (missing → VALUE_INVALID naming
 * its index).
 */
export function requestTuples(keys: readonly ColumnSchema[], ids: readonly string[] | undefined, records: readonly Readonly<Record<string, unknown>>[] | undefined, dialect: Dialect): unknown[][] {
  if (ids) return ids.map((id) => keyTuple(keys, id, dialect));
  return (records ?? []).map((record, index) => {
    const tuple = recordKeyTuple(keys, record, dialect);
    if (!tuple) throw new AppError('VALUE_INVALID', `Required id field(s) not found in record ${index}.`);
    return tuple;
  });
}

/** The message of a missing record (API.md 3.3). */
export function recordNotFound(id: unknown): AppError {
  const text = Array.isArray(id) ? id.map(String).join(',') : String(id);
  return new AppError('RECORD_NOT_FOUND', `Record with identifier '${text}' not found.`);
}
