import type { Dialect } from '../../database/dialect/dialect';
import type { ColumnSchema } from '../../database/schema-cache/schema.types';
import { canonicalDate, canonicalDateTime, canonicalTime } from './datetime';
import { canonicalDecimal, numberToDecimalText } from './decimal';
import { integerRange } from './integer-range';
import { typeFamily, type TypeFamily } from './type-families';

export type CoerceResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

const ok = (value: unknown): CoerceResult => ({ ok: true, value });
const fail = (message: string): CoerceResult => ({ ok: false, message });

const TRUE_WORDS = new Set(['true', '1', 't', 'yes', 'y', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'f', 'no', 'n', 'off']);
const INTEGER_RE = /^[+-]?\d+$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

/**
 * Typecasts one JSON input value for a column (API.md 3.15.1 "Accepted on input", 3.10.6) into the
 * value to bind: integers as numbers (exact decimal strings beyond 2^53), decimals as exact text,
 * booleans as the dialect binds them, date/times as canonical UTC text, JSON as JSON text, binary
 * as a Buffer. `null`/`undefined` is accepted only for nullable columns. Messages are the
 * contract's, naming the field; they never quote the value.
 * @example coerceInput(ageColumn, '31', postgres)   // { ok: true, value: 31 }
 * @example coerceInput(ageColumn, 'old', postgres)  // { ok: false, message: "Field 'age' must be a valid integer." }
 */
export function coerceInput(column: ColumnSchema, value: unknown, dialect: Dialect): CoerceResult {
  const name = column.name;
  if (value === null || value === undefined) {
    return column.allowNull ? ok(null) : fail(`Field '${name}' can not be NULL.`);
  }
  const family = typeFamily(column.type);
  if (family === 'json') return coerceJson(name, value);
  if (typeof value === 'object') return fail(`Field '${name}' must be a scalar value.`);
  if (typeof value === 'string' && value.includes('\u0000')) {
    return fail(`Field '${name}' must not contain a NUL character.`);
  }
  return coerceScalar(family, column, value as string | number | boolean | bigint, dialect);
}

function coerceScalar(family: TypeFamily, column: ColumnSchema, value: string | number | boolean | bigint, dialect: Dialect): CoerceResult {
  const name = column.name;
  switch (family) {
    case 'integer':
    case 'bigid':
      return coerceInteger(column, value, dialect);
    case 'boolean':
      return coerceBoolean(name, value, dialect);
    case 'float':
      return coerceFloat(name, value);
    case 'decimal': {
      const text = typeof value === 'number' ? numberToDecimalText(value) : typeof value === 'string' ? canonicalDecimal(value) : undefined;
      return text === undefined ? fail(`Field '${name}' must be a valid number.`) : ok(text);
    }
    case 'string':
      return coerceString(column, value);
    case 'uuid':
      return typeof value === 'string' && UUID_RE.test(value.trim())
        ? ok(value.trim().toLowerCase())
        : fail(`Field '${name}' must be a valid UUID.`);
    case 'binary':
      return coerceBinary(name, value);
    case 'json':
      return coerceJson(name, value);
    default:
      return coerceTemporal(family, name, value);
  }
}

function coerceInteger(column: ColumnSchema, value: string | number | boolean | bigint, dialect: Dialect): CoerceResult {
  const invalid = () => fail(`Field '${column.name}' must be a valid integer.`);
  const range = integerRange(column.dbType, dialect.name);
  // Most input is a safe integer (or its digits): checked without BigInt.
  const small = typeof value === 'number' ? value : typeof value === 'string' && value.length <= 15 && INTEGER_RE.test(value) ? Number(value) : undefined;
  if (small !== undefined && Number.isSafeInteger(small)) {
    return small >= Number(range.min) && small <= Number(range.max) ? ok(small === 0 ? 0 : small) : invalid();
  }
  let big: bigint;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return invalid();
    big = BigInt(value);
  } else if (typeof value === 'bigint') {
    big = value;
  } else if (typeof value === 'string' && INTEGER_RE.test(value.trim())) {
    big = BigInt(value.trim());
  } else {
    return invalid();
  }
  if (big < range.min || big > range.max) return invalid();
  // Beyond 2^53 a JS number would round: bind the exact digits as text instead.
  return ok(big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big.toString());
}

function coerceBoolean(name: string, value: string | number | boolean | bigint, dialect: Dialect): CoerceResult {
  if (typeof value === 'boolean') return ok(dialect.bindBoolean(value));
  const word = String(value).trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return ok(dialect.bindBoolean(true));
  if (FALSE_WORDS.has(word)) return ok(dialect.bindBoolean(false));
  return fail(`Field '${name}' must be a valid boolean.`);
}

function coerceFloat(name: string, value: string | number | boolean | bigint): CoerceResult {
  const invalid = () => fail(`Field '${name}' must be a valid number.`);
  if (typeof value === 'number') return Number.isFinite(value) ? ok(value) : invalid();
  if (typeof value !== 'string' || canonicalDecimal(value) === undefined) return invalid();
  const n = Number(value.trim());
  return Number.isFinite(n) ? ok(n) : invalid();
}

function coerceString(column: ColumnSchema, value: string | number | boolean | bigint): CoerceResult {
  const text = String(value);
  // Lengths count characters (code points), as VARCHAR(n) does on every engine.
  if (column.length !== null && column.length > 0 && text.length > column.length && codePointLength(text) > column.length) {
    return fail(`Field '${column.name}' value is too long (max ${column.length}).`);
  }
  return ok(text);
}

function codePointLength(text: string): number {
  return Array.from(text).length;
}

function coerceBinary(name: string, value: string | number | boolean | bigint): CoerceResult {
  if (typeof value !== 'string') return fail(`Field '${name}' must be valid base64.`);
  const compact = value.replace(/\s+/g, '');
  if (!BASE64_RE.test(compact)) return fail(`Field '${name}' must be valid base64.`);
  return ok(Buffer.from(compact, 'base64'));
}

function coerceJson(name: string, value: unknown): CoerceResult {
  if (typeof value === 'string') {
    try {
      JSON.parse(value);
    } catch {
      return fail(`Field '${name}' must be valid JSON.`);
    }
    return ok(value);
  }
  const text = JSON.stringify(value);
  return text === undefined ? fail(`Field '${name}' must be valid JSON.`) : ok(text);
}

function coerceTemporal(family: TypeFamily, name: string, value: string | number | boolean | bigint): CoerceResult {
  const text = typeof value === 'string' ? canonicalTemporal(family, value) : undefined;
  return text === undefined ? fail(`Field '${name}' must be a valid date/time.`) : ok(text);
}

function canonicalTemporal(family: TypeFamily, text: string): string | undefined {
  switch (family) {
    case 'date':
      return canonicalDate(text);
    case 'time':
      return canonicalTime(text);
    case 'timetz':
      return canonicalTime(text, true);
    case 'datetimetz':
      return canonicalDateTime(text, true);
    default:
      return canonicalDateTime(text);
  }
}
