import type { ColumnSchema, SimpleType } from '../database/schema-cache/schema.types';
import type { Schema } from './openapi.types';

const TIME = { type: 'string', pattern: '^\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([+-]\\d{2}:\\d{2})?$' } as const;
const DATETIME = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d+)?$' } as const;
const DATETIME_TZ = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d+)?[+-]\\d{2}:\\d{2}$' } as const;
const INT32 = { type: 'integer', format: 'int32' } as const;

/**
 * The JSON Schema of a simple type's JSON form (API.md 7.3, 3.15.1).
 * @example typeSchema('date')  // { type: 'string', format: 'date' }
 */
export function typeSchema(type: SimpleType | string): Schema {
  switch (type) {
    case 'id': case 'smallid': case 'mediumid': case 'integer': case 'tinyint': case 'smallint': case 'mediumint':
    case 'reference': case 'user_id': case 'user_id_on_create': case 'user_id_on_update':
      return INT32;
    case 'bigint': return { type: 'integer', format: 'int64' };
    case 'bigid': return { type: 'string', pattern: '^-?[0-9]+$' };
    case 'boolean': return { type: 'boolean' };
    case 'float': return { type: 'number', format: 'float' };
    case 'double': return { type: 'number', format: 'double' };
    case 'decimal': case 'money': return { type: 'number' };
    case 'date': return { type: 'string', format: 'date' };
    case 'time': case 'timetz': return TIME;
    case 'datetime': case 'timestamp': case 'timestamp_on_create': case 'timestamp_on_update': return DATETIME;
    case 'datetimetz': case 'timestamptz': return DATETIME_TZ;
    case 'binary': return { type: 'string', format: 'byte' };
    case 'uuid': case 'timeuuid': return { type: 'string', format: 'uuid' };
    default: return { type: 'string' }; // string, text, json, jsonb and anything unknown
  }
}

const SIZED = new Set(['string', 'text', 'mediumtext', 'longtext']);
const AUTOMATIC = new Set(['timestamp_on_create', 'timestamp_on_update', 'user_id_on_create', 'user_id_on_update']);

/** Set by the database or the server: auto-increment keys and automatic columns (API.md 3.8). */
export function isReadOnlyColumn(column: ColumnSchema): boolean {
  return column.autoIncrement || AUTOMATIC.has(column.type);
}

/** Not null, no default, not generated: must be given on insert (3.14.2 `required`). */
export function isRequiredColumn(column: ColumnSchema): boolean {
  return !column.allowNull && (column.default === null || column.default === undefined) && !isReadOnlyColumn(column);
}

/** `contact_info` → `Contact Info` (the default label of API.md 3.14.1). */
export function defaultLabel(name: string): string {
  return name.split(/[_\s]+/).filter(Boolean).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

/** Stored label and description of a table or field (API.md 3.14 extras). */
export interface Labels {
  readonly label: string | null;
  readonly description: string | null;
}

/** `Label: description (db type)`; the label defaults to the name with words capitalised. */
export function describe(name: string, labels: Labels | undefined, dbType?: string): string {
  const text = `${labels?.label ?? defaultLabel(name)}${labels?.description ? `: ${labels.description}` : ''}`;
  return dbType ? `${text} (${dbType})` : text;
}

/** A column as a record property: type, nullability, length, read-only, and its label as description. */
export function columnSchema(column: ColumnSchema, options: { readOnly?: boolean; labels?: Labels } = {}): Schema {
  const out: Record<string, unknown> = { ...typeSchema(column.type) };
  if (SIZED.has(column.type) && column.length !== null && column.length > 0) out.maxLength = column.length;
  if (column.allowNull) out.nullable = true;
  if (options.readOnly ?? isReadOnlyColumn(column)) out.readOnly = true;
  out.description = describe(column.name, options.labels, column.dbType);
  return out;
}
