import { AppError } from '../errors';

/** Query-parameter aliases of API.md 2.4; the canonical name wins when both are present. */
const ALIASES: Readonly<Record<string, string>> = {
  select: 'fields', where: 'filter', top: 'limit', skip: 'offset', sort: 'order', order_by: 'order', group_by: 'group',
};

/** Options that may also come from a JSON-object body when absent from the query (2.4). */
const BODY_OPTIONS = new Set(['fields', 'ids', 'filter', 'params', 'limit', 'offset', 'order', 'group', 'having', 'count_only', 'continue', 'rollback']);

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on', 'y', 't']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off', 'n', 'f', '']);

export type RawValue = string | number | boolean | null | readonly unknown[] | Record<string, unknown> | undefined;

/**
 * Reads request options: query first, then (for the body-capable ones) a JSON-object body,
 * with aliases folded in. Values keep their raw form; the typed readers below parse them.
 */
export class RequestParams {
  private readonly values = new Map<string, RawValue>();

  constructor(query: Readonly<Record<string, unknown>>, body?: unknown) {
    const fromQuery = canonical(query);
    for (const [key, value] of fromQuery) this.values.set(key, value as RawValue);
    if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
      for (const [key, value] of canonical(body as Record<string, unknown>)) {
        if (BODY_OPTIONS.has(key) && !this.values.has(key)) this.values.set(key, value as RawValue);
      }
    }
  }

  has(name: string): boolean {
    return this.values.get(name) !== undefined;
  }

  raw(name: string): RawValue {
    return this.values.get(name);
  }

  string(name: string): string | undefined {
    const value = this.values.get(name);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw invalid(name, 'expected a string');
  }

  /** Contract booleans: true 1 yes on y t / false 0 no off n f ''; absent is false. */
  bool(name: string): boolean {
    const value = this.values.get(name);
    if (value === undefined || value === null) return false;
    if (typeof value === 'boolean') return value;
    const text = String(value).trim().toLowerCase();
    if (TRUE_WORDS.has(text)) return true;
    if (FALSE_WORDS.has(text)) return false;
    throw invalid(name, 'expected a boolean');
  }

  /** Decimal digits only (a leading minus where allowed), at most 2^53−1. */
  int(name: string, options: { allowNegative?: boolean } = {}): number | undefined {
    const value = this.values.get(name);
    if (value === undefined || value === null || value === '') return undefined;
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
    const pattern = options.allowNegative ? /^-?\d+$/ : /^\d+$/;
    const parsed = pattern.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(parsed)) throw invalid(name, 'expected an integer');
    return parsed;
  }

  /** Comma list (items trimmed, empties dropped), or a JSON array of strings/numbers from a body. */
  list(name: string): string[] | undefined {
    const value = this.values.get(name);
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value)) {
      return value.map((item) => {
        if (typeof item === 'string' || typeof item === 'number') return String(item).trim();
        throw invalid(name, 'expected a list of values');
      }).filter((item) => item !== '');
    }
    if (typeof value === 'string' || typeof value === 'number') return String(value).split(',').map((s) => s.trim()).filter((s) => s !== '');
    throw invalid(name, 'expected a comma-separated list');
  }

  /** `params`: a JSON object `{":name": value}` from the body, or the same object JSON-encoded in the query. */
  object(name: string): Record<string, unknown> | undefined {
    const value = this.values.get(name);
    if (value === undefined || value === null || value === '') return undefined;
    let parsed: unknown = value;
    if (typeof value === 'string') {
      try {
        parsed = JSON.parse(value);
      } catch {
        throw invalid(name, 'expected a JSON object');
      }
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid(name, 'expected a JSON object');
    if (Object.keys(parsed).length > 1000) throw new AppError('REQUEST_INVALID', `Too many entries in '${name}' (limit 1000).`);
    return parsed as Record<string, unknown>;
  }
}

function canonical(source: Readonly<Record<string, unknown>>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(source)) {
    if (!(key in ALIASES)) out.set(key, value);
  }
  for (const [alias, name] of Object.entries(ALIASES)) {
    if (alias in source && !out.has(name)) out.set(name, source[alias]);
  }
  return out;
}

function invalid(name: string, what: string): AppError {
  return new AppError('REQUEST_INVALID', `Invalid value for '${name}': ${what}.`);
}
