import { JsonNumber } from './json-number';
import type { TypeFamily } from './type-families';

/** A value of a result row as the driver returned it for the row-path expression of its family. */
type Raw = unknown;

const INTEGER_TEXT = /^[+-]?\d+$/;
const NUMBER_TEXT = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NOT_FINITE = new Set(['NaN', 'Infinity', '-Infinity']);
const TRUE_TEXT = new Set(['1', 't', 'true', 'y', 'yes', 'on']);

function text(raw: Raw): string {
  if (Buffer.isBuffer(raw)) return raw.toString('utf8');
  if (raw instanceof Date) return raw.toISOString();
  return String(raw);
}

/** SQLite may hold text in a numeric column; its JSON literal arrives quoted. */
const quotedText = (t: string): string | undefined => (t.startsWith('"') ? (JSON.parse(t) as string) : undefined);

function integerValue(raw: Raw): unknown {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) ? raw : new JsonNumber(String(raw));
  const t = text(raw).trim();
  const quoted = quotedText(t);
  if (quoted !== undefined) return quoted;
  if (INTEGER_TEXT.test(t)) {
    const n = Number(t);
    return Number.isSafeInteger(n) ? n : new JsonNumber(BigInt(t).toString());
  }
  return NUMBER_TEXT.test(t) ? new JsonNumber(t) : t;
}

function numberValue(raw: Raw): unknown {
  if (typeof raw === 'number') return Number.isFinite(raw) ? new JsonNumber(String(raw)) : String(raw);
  const t = text(raw).trim();
  const quoted = quotedText(t);
  if (quoted !== undefined) return quoted;
  if (NOT_FINITE.has(t)) return t;
  return NUMBER_TEXT.test(t) ? new JsonNumber(t) : t;
}

function booleanValue(raw: Raw): unknown {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number' || typeof raw === 'bigint') return Number(raw) !== 0;
  if (Buffer.isBuffer(raw)) return raw.some((b) => b !== 0);
  return TRUE_TEXT.has(text(raw).trim().toLowerCase());
}

/**
 * Turns one value of the rows path into its typed output value (API.md 3.15.1): integers as
 * numbers (`JsonNumber` past 2^53), decimals and floats as `JsonNumber` holding the database's
 * digits, booleans as booleans, `bigid` and every text-like type as strings, binary as base64.
 * Serialise records with `stringifyJson` to get the same text the JSON-in-database path returns.
 */
export function outputValue(family: TypeFamily, raw: Raw): unknown {
  if (raw === null || raw === undefined) return null;
  switch (family) {
    case 'integer':
      return integerValue(raw);
    case 'float':
    case 'decimal':
      return numberValue(raw);
    case 'boolean':
      return booleanValue(raw);
    case 'binary':
      return Buffer.isBuffer(raw) ? raw.toString('base64') : text(raw);
    default:
      return typeof raw === 'string' ? raw : text(raw);
  }
}

export interface OutputColumn {
  /** Key in the output record. */
  readonly key: string;
  /** Alias of the value in the result row. */
  readonly alias: string;
  readonly family: TypeFamily;
}

/** A function turning result rows of the rows path into output records, keys in field order. */
export function createRowMapper(columns: readonly OutputColumn[]): (row: Record<string, unknown>) => Record<string, unknown> {
  return (row) => {
    const record: Record<string, unknown> = {};
    for (const c of columns) {
      const value = outputValue(c.family, row[c.alias]);
      // A column may really be called __proto__; define it instead of assigning the prototype.
      if (c.key === '__proto__') Object.defineProperty(record, c.key, { value, enumerable: true, writable: true, configurable: true });
      else record[c.key] = value;
    }
    return record;
  };
}
