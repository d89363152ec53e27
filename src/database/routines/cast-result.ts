import { typeFamily } from '../../common/values';
import type { SimpleType } from '../schema-cache/schema.types';
import type { Row } from './routine.types';

const TRUE_TEXT = new Set(['1', 't', 'true', 'y', 'yes', 'on']);
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** UTC text of a driver Date: `2024-01-02 10:15:00[.5]` (connections run in UTC, API.md 3.15.1). */
function dateTimeText(d: Date): string {
  const ms = d.getUTCMilliseconds();
  const fraction = ms === 0 ? '' : `.${pad(ms, 3).replace(/0+$/, '')}`;
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${fraction}`;
}

/**
 * JSON-ready form of a value whose type the server does not know (result-set columns without a
 * `schema` entry): dates as UTC text, binary as base64, 64-bit integers as exact text.
 */
export function normalizeValue(value: unknown): unknown {
  if (value instanceof Date) return dateTimeText(value);
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/**
 * Typecasts a value read from the database to its simple type's JSON form (API.md 3.15.1): for
 * OUT values (by declared type), scalar results (by `returns` or the declared return type) and
 * result columns named in the call's `schema` option. Values that do not convert are returned
 * normalized but otherwise unchanged rather than guessed at.
 * @example castResult('integer', '42') // 42
 * @example castResult('boolean', 1) // true
 */
export function castResult(type: SimpleType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (typeFamily(type)) {
    case 'integer':
    case 'float':
    case 'decimal':
      return toNumber(value);
    case 'bigid':
      return String(normalizeValue(value));
    case 'boolean':
      return typeof value === 'boolean' ? value : TRUE_TEXT.has(String(value).trim().toLowerCase());
    case 'date':
      return value instanceof Date ? dateTimeText(value).slice(0, 10) : String(value).slice(0, 10);
    case 'datetimetz':
      return value instanceof Date ? `${dateTimeText(value)}+00:00` : String(value);
    case 'json':
      return typeof value === 'string' ? value : JSON.stringify(normalizeValue(value));
    case 'binary':
      return Buffer.isBuffer(value) ? value.toString('base64') : String(value);
    case 'string':
      return typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)
        ? JSON.stringify(value)
        : String(normalizeValue(value));
    default:
      return normalizeValue(value);
  }
}

/**
 * Numbers stay numbers; numeric text becomes a number when that keeps every digit (integers within
 * 2^53, decimals that print back the same), else stays exact text. NaN and infinities are strings.
 */
function toNumber(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  const text = String(normalizeValue(value)).trim();
  const n = Number(text);
  if (text === '' || !Number.isFinite(n)) return text;
  if (/^[+-]?\d+$/.test(text)) return Number.isSafeInteger(n) ? n : text;
  // Trailing zeros of a decimal (12.50) are formatting, not precision.
  const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  return String(n) === trimmed.replace(/^\+/, '') ? n : text;
}

type TypeMap = Readonly<Record<string, SimpleType>>;

/**
 * A row with its columns typecast by the first map that names them (exact name first, else
 * case-insensitive); other columns are only normalized.
 */
export function castRow(row: Row, ...schemas: readonly (TypeMap | undefined)[]): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    let type: SimpleType | undefined;
    for (const schema of schemas) type ??= schema && typeFor(schema, key);
    out[key] = type ? castResult(type, value) : normalizeValue(value);
  }
  return out;
}

export function typeFor(schema: TypeMap, key: string): SimpleType | undefined {
  if (Object.prototype.hasOwnProperty.call(schema, key)) return schema[key];
  const lower = key.toLowerCase();
  const match = Object.keys(schema).find((k) => k.toLowerCase() === lower);
  return match === undefined ? undefined : schema[match];
}
