import { AppError } from '../../../common/errors';
import { coerceInput } from '../../../common/values/coerce';
import { writeExpression } from '../../../common/values/expression';
import { typeFamily } from '../../../common/values/type-families';
import { DIALECTS, type DialectName, type SqlFunctionName } from '../../dialect';
import { simpleTypeOf } from '../../engines/simple-type';
import { plainColumn, type ColumnSchema, type ReferentialAction, type SimpleType } from '../../schema-cache/schema.types';
import { CREATABLE_TYPES, ID_TYPES, columnType } from './column-type';
import { has, invalid, readAction, readBoolean, readInteger, readText, type Input } from './field-input';
import { printable } from './names';

/** A DEFAULT clause to write: none, a typecast value (null included), a date/time function, or one this API cannot re-declare. */
export type DefaultSpec =
  | { readonly kind: 'none' }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'function'; readonly fn: SqlFunctionName }
  | { readonly kind: 'opaque'; readonly text: string };

export interface ReferenceSpec {
  readonly table: string;
  /** null: the referenced table's primary key (resolved by the planner). */
  readonly field: string | null;
  readonly onUpdate: ReferentialAction | null;
  readonly onDelete: ReferentialAction | null;
}

/** A column to create or to alter into, validated; what DDL generation needs and nothing else. */
export interface FieldSpec {
  readonly name: string;
  /** The simple type (of a raw type: the type discovery would report). */
  readonly type: SimpleType;
  /** A raw `db_type` matching the contract's pattern, written as given; null: derived from `type`. */
  readonly rawType: string | null;
  readonly length: number | null;
  readonly precision: number | null;
  readonly scale: number | null;
  readonly fixedLength: boolean;
  readonly allowNull: boolean;
  readonly default: DefaultSpec;
  readonly isPrimaryKey: boolean;
  readonly autoIncrement: boolean;
  readonly isUnique: boolean;
  readonly isIndex: boolean;
  readonly reference: ReferenceSpec | null;
}

// API.md 3.13: the only raw column types accepted.
const RAW_TYPE = /^[A-Za-z][A-Za-z0-9_ ]{0,62}(\(\s*\d{1,5}\s*(,\s*\d{1,5}\s*)?\))?$/;
// The pattern lets words through; words that would turn a type into column constraints are refused.
const CLAUSE_WORDS = /\b(null|not|default|primary|key|references|check|constraint|unique|generated|as|collate|on|auto_increment|autoincrement|comment|identity|always|stored|virtual|character set|charset)\b/i;
const NOT_CREATABLE = new Set(['array', 'object', 'column', 'row', 'table', 'ref_cursor']);
const INTEGER_TO_ID: Readonly<Partial<Record<SimpleType, SimpleType>>> = { integer: 'id', bigint: 'bigid', smallint: 'smallid', mediumint: 'mediumid', tinyint: 'smallid' };
const AUTO_TIMESTAMPS = new Set<SimpleType>(['timestamp_on_create', 'timestamp_on_update']);

function readRawType(value: unknown, field: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!RAW_TYPE.test(text) || CLAUSE_WORDS.test(text.replace(/\(.*$/, ''))) {
    throw invalid(field, `Invalid db_type '${printable(value)}' for field '${field}'.`);
  }
  return text.replace(/\s+/g, ' ');
}

/** Type and raw type from `type` / `db_type` (a `type` with a space or `(` is a raw type). */
function readType(input: Input, field: string, engine: DialectName): { type: SimpleType; rawType: string | null } | undefined {
  const type = input.type;
  const rawLooking = typeof type === 'string' && /[\s(]/.test(type.trim());
  if (typeof type === 'string' && type !== '' && !rawLooking && !CREATABLE_TYPES.has(type.trim().toLowerCase())) {
    const name = type.trim().toLowerCase();
    throw invalid(field, NOT_CREATABLE.has(name) ? `Type '${name}' of field '${field}' cannot be created.` : `Invalid type '${printable(type)}' for field '${field}'.`);
  }
  const rawInput = has(input, 'db_type') && input.db_type !== null && input.db_type !== '' ? input.db_type : rawLooking ? type : undefined;
  if (rawInput !== undefined) {
    const rawType = readRawType(rawInput, field);
    const simple = typeof type === 'string' && CREATABLE_TYPES.has(type.toLowerCase()) ? (type.toLowerCase() as SimpleType) : simpleTypeOf(rawType, engine);
    return { type: simple, rawType };
  }
  if (type === undefined || type === null || type === '') return undefined;
  const name = typeof type === 'string' ? type.trim().toLowerCase() : '';
  if (!CREATABLE_TYPES.has(name)) throw invalid(field, `Invalid type '${printable(type)}' for field '${field}'.`);
  return { type: name as SimpleType, rawType: null };
}

function refuseUnsupported(input: Input, field: string): void {
  if (has(input, 'sql') && input.sql !== null) throw new AppError('FEATURE_UNSUPPORTED', 'Raw SQL column definitions are not supported.');
  if (has(input, 'db_function') && input.db_function !== null && !(Array.isArray(input.db_function) && input.db_function.length === 0)) {
    throw new AppError('FEATURE_UNSUPPORTED', `Database functions on fields are not supported (field '${field}').`);
  }
  if (readBoolean(input, 'is_virtual', field, false) || readBoolean(input, 'is_aggregate', field, false)) {
    throw new AppError('FEATURE_UNSUPPORTED', `Virtual fields are not supported (field '${field}').`);
  }
  if (has(input, 'new_name') && input.new_name !== null && input.new_name !== field) {
    throw new AppError('FEATURE_UNSUPPORTED', 'Renaming tables or fields is not supported.');
  }
}

/** A synthetic column, so defaults are typecast exactly as record values are (API.md 3.15.1). */
function columnFor(spec: Omit<FieldSpec, 'default'>, engine: DialectName): ColumnSchema {
  return plainColumn({
    name: spec.name, type: spec.type, dbType: spec.rawType ?? columnType(spec, engine), length: typeFamily(spec.type) === 'string' ? spec.length : null,
    precision: spec.precision, scale: spec.scale,
  });
}

/** `CURRENT_TIMESTAMP`, `current_timestamp()`, `now()` … → the function; other expressions are not ours to repeat. */
export function knownFunction(expression: string): SqlFunctionName | undefined {
  const text = expression.trim().replace(/\s+/g, '').toUpperCase().replace(/^(CURRENT_(?:TIMESTAMP|DATE|TIME))(\(\d*\))?$/, '$1');
  const result = writeExpression({ expression: text === 'NOW' ? 'NOW()' : text });
  return result.kind === 'function' ? result.fn : undefined;
}

function readDefault(input: Input, spec: Omit<FieldSpec, 'default'>, engine: DialectName, options: ParseFieldOptions): DefaultSpec {
  if (AUTO_TIMESTAMPS.has(spec.type)) return { kind: 'function', fn: 'CURRENT_TIMESTAMP' };
  if (spec.autoIncrement || !has(input, 'default')) return { kind: 'none' };
  const value = input.default;
  if (value === null) return spec.allowNull ? { kind: 'value', value: null } : { kind: 'none' };
  const expression = writeExpression(value);
  if (expression.kind === 'function') return { kind: 'function', fn: expression.fn };
  if (expression.kind === 'invalid') {
    const text = String((value as { expression: unknown }).expression);
    const fn = knownFunction(text);
    if (fn) return { kind: 'function', fn };
    if (options.keepUnknownDefaults) return { kind: 'opaque', text };
    throw invalid(spec.name, `Field '${spec.name}': ${expression.message}`);
  }
  const coerced = coerceInput(columnFor(spec, engine), value, DIALECTS[engine]);
  if (!coerced.ok && options.trustDefaults) return { kind: 'opaque', text: String(value) };
  if (!coerced.ok) throw invalid(spec.name, `Default of ${coerced.message.charAt(0).toLowerCase()}${coerced.message.slice(1)}`);
  return { kind: 'value', value: coerced.value };
}

function readReference(input: Input, field: string, type: SimpleType): ReferenceSpec | null {
  const table = readText(input, 'ref_table', field, 128);
  if (table === null) {
    if (type === 'reference') throw invalid(field, `Field '${field}' of type reference needs a ref_table.`);
    return null;
  }
  return {
    table,
    field: readText(input, 'ref_field', field, 128),
    onUpdate: readAction(input, 'ref_on_update', field),
    onDelete: readAction(input, 'ref_on_delete', field),
  };
}

export interface ParseFieldOptions {
  /** A default expression other than the four functions becomes `opaque` (an existing column's default). */
  readonly keepUnknownDefaults?: boolean;
  /** A default that does not typecast becomes `opaque` (the database accepted it once). */
  readonly trustDefaults?: boolean;
}

/**
 * Validates a field descriptor of a request into a FieldSpec for `engine`. `name` is already
 * checked (a new name) or resolved (an existing column). Types follow API.md 3.15.3; `id` types
 * are auto-increment primary keys; `auto_increment` on an integer type makes it one; new columns
 * are NOT NULL unless `allow_null`; defaults are typecast like record values.
 * @example parseField('title', { type: 'string', length: 120 }, 'postgres').length  // 120
 */
export function parseField(name: string, input: Input, engine: DialectName, options: ParseFieldOptions = {}): FieldSpec {
  refuseUnsupported(input, name);
  const typed = readType(input, name, engine);
  if (!typed) throw invalid(name, `Field '${name}' needs a type.`);
  let type = typed.type;
  const autoIncrementAsked = readBoolean(input, 'auto_increment', name, false);
  if (autoIncrementAsked && !ID_TYPES.has(type)) {
    const id = INTEGER_TO_ID[type];
    if (!id || typed.rawType) throw invalid(name, `Field '${name}' can be auto_increment only with an integer type.`);
    type = id;
  }
  const isId = ID_TYPES.has(type);
  const length = readInteger(input, 'length', name, 1, 65535);
  const precision = readInteger(input, 'precision', name, 1, 1000);
  const scale = readInteger(input, 'scale', name, 0, 1000);
  if (scale !== null && scale > (precision ?? 10)) throw invalid(name, `Scale of field '${name}' cannot exceed its precision.`);
  const isPrimaryKey = isId || readBoolean(input, 'is_primary_key', name, false);
  const base = {
    name, type, rawType: typed.rawType, length, precision, scale,
    fixedLength: readBoolean(input, 'fixed_length', name, false),
    allowNull: !isPrimaryKey && readBoolean(input, 'allow_null', name, false),
    isPrimaryKey,
    autoIncrement: isId,
    isUnique: !isPrimaryKey && readBoolean(input, 'is_unique', name, false),
    isIndex: readBoolean(input, 'is_index', name, false),
    reference: readReference(input, name, type),
  };
  return { ...base, default: readDefault(input, base, engine, options) };
}
