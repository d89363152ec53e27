import { AppError } from '../../../common/errors';
import type { ReferentialAction } from '../../schema-cache/schema.types';

/**
 * Readers for the properties of a field or table descriptor in a request body (API.md 3.14):
 * each returns the typed value or throws 400 VALUE_INVALID naming the field and the property.
 */
export type Input = Readonly<Record<string, unknown>>;

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on', 'y', 't']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off', 'n', 'f', '']);

export function invalid(field: string, message: string): AppError {
  return new AppError('VALUE_INVALID', message, { [field]: [message] });
}

export const has = (input: Input, key: string): boolean => Object.prototype.hasOwnProperty.call(input, key) && input[key] !== undefined;

/** Contract booleans (true, 1, "yes", …); null and absent read as `fallback`. */
export function readBoolean(input: Input, key: string, field: string, fallback: boolean): boolean {
  const value = input[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  const text = typeof value === 'number' || typeof value === 'string' ? String(value).trim().toLowerCase() : undefined;
  if (text !== undefined && TRUE_WORDS.has(text)) return true;
  if (text !== undefined && FALSE_WORDS.has(text)) return false;
  throw invalid(field, `Property '${key}' of '${field}' must be a boolean.`);
}

/** A whole number in [min, max] (a digit string is accepted), or null. */
export function readInteger(input: Input, key: string, field: string, min: number, max: number): number | null {
  const value = input[key];
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw invalid(field, `Property '${key}' of '${field}' must be an integer from ${min} to ${max}.`);
  return n;
}

/** A string of at most `max` characters, or null (an empty string is null). */
export function readText(input: Input, key: string, field: string, max = 255): string | null {
  const value = input[key];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > max || value.includes('\u0000')) {
    throw invalid(field, `Property '${key}' of '${field}' must be a text of at most ${max} characters.`);
  }
  return value;
}

const ACTIONS: readonly ReferentialAction[] = ['NO ACTION', 'RESTRICT', 'CASCADE', 'SET NULL', 'SET DEFAULT'];

/** `cascade`, `SET_NULL`, `set null` → the contract's spelling; null when absent. */
export function readAction(input: Input, key: string, field: string): ReferentialAction | null {
  const value = input[key];
  if (value === undefined || value === null || value === '') return null;
  const text = typeof value === 'string' ? value.trim().toUpperCase().replace(/[_\s]+/g, ' ') : '';
  const action = ACTIONS.find((a) => a === text);
  if (!action) throw invalid(field, `Property '${key}' of '${field}' must be one of ${ACTIONS.join(', ')}.`);
  return action;
}

/** `["a","b"]` or `"a,b"` → ['a', 'b']; null when absent. */
export function readList(input: Input, key: string, field: string): string[] | null {
  const value = input[key];
  if (value === undefined || value === null || value === '') return null;
  const items = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : undefined;
  if (!items || !items.every((i): i is string => typeof i === 'string' && !i.includes('\u0000') && i.length <= 255) || items.length > 1000) {
    throw invalid(field, `Property '${key}' of '${field}' must be a list of texts.`);
  }
  return items.map((i) => i.trim()).filter((i) => i !== '');
}

/** A JSON object (not an array), or null. */
export function readObject(input: Input, key: string, field: string): Record<string, unknown> | null {
  const value = input[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(field, `Property '${key}' of '${field}' must be an object.`);
  return value as Record<string, unknown>;
}
