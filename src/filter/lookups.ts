/**
 * Lookup modifiers (DreamFactory's PHP names, API.md 3.10.5) and the substitution of `{lookup}`
 * tokens inside quoted text. Values only ever become bound parameters, never SQL text.
 */

/** What the caller's context knows about a lookup key; private lookups must answer `known: false`. */
export interface LookupResult {
  readonly known: boolean;
  readonly value: unknown;
}

export type LookupFn = (key: string) => LookupResult;

const phpUrlEncode = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');
const rawUrlEncode = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const safeDecode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

export const LOOKUP_MODIFIERS: Readonly<Record<string, (text: string) => string>> = {
  strtolower: (t) => t.toLowerCase(),
  strtoupper: (t) => t.toUpperCase(),
  ucfirst: (t) => t.charAt(0).toUpperCase() + t.slice(1),
  lcfirst: (t) => t.charAt(0).toLowerCase() + t.slice(1),
  ucwords: (t) => t.replace(/(^|[\s])(\S)/g, (_m, space: string, c: string) => space + c.toUpperCase()),
  trim: (t) => t.trim(),
  urlencode: phpUrlEncode,
  urldecode: (t) => safeDecode(t.replace(/\+/g, ' ')),
  rawurlencode: rawUrlEncode,
  rawurldecode: safeDecode,
  base64_encode: (t) => Buffer.from(t, 'utf8').toString('base64'),
  base64_decode: (t) => Buffer.from(t, 'base64').toString('utf8'),
};

/**
 * Whether a `{modifier(key)}` names a known modifier.
 * @example isLookupModifier('strtolower') // true
 */
export function isLookupModifier(name: string): boolean {
  return Object.hasOwn(LOOKUP_MODIFIERS, name);
}

/**
 * Text form of a lookup or parameter value (numbers and booleans as JSON writes them).
 * @example textOf(42) // '42'
 */
export function textOf(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

/**
 * A lookup's value with its modifier applied; `undefined` for an unknown key,
 * `null` for a known key without a value in this request (e.g. `{user.id}` for a guest).
 * @example resolveLookup(ctx, 'user.email', 'strtoupper') // 'ALICE@EXAMPLE.COM'
 */
export function resolveLookup(lookup: LookupFn | undefined, key: string, modifier: string | null): unknown {
  const found = lookup?.(key);
  if (!found?.known) return undefined;
  if (found.value === null || found.value === undefined) return null;
  if (modifier === null) return found.value;
  const fn = LOOKUP_MODIFIERS[modifier];
  return fn ? fn(textOf(found.value)) : undefined;
}

const KEY = '[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*';
const EMBEDDED = new RegExp(`\\{(?:([A-Za-z_][A-Za-z0-9_]*)\\((${KEY})\\)|(${KEY}))\\}`, 'g');

/**
 * Replaces `{key}` / `{modifier(key)}` inside quoted text by the lookups' text. Unknown keys (and
 * unknown modifiers) stay as written. A known key without a value makes the whole value `null`,
 * so the comparison matches no row (as a bare `{user.id}` does for a guest).
 * @example substituteLookups("{user.email}", ctx) // 'alice@example.com'
 */
export function substituteLookups(text: string, lookup: LookupFn | undefined): string | null {
  if (!lookup || !text.includes('{')) return text;
  let valueless = false;
  const out = text.replace(EMBEDDED, (whole, modifier: string | undefined, inner: string | undefined, plain: string | undefined) => {
    const key = (plain ?? inner) as string;
    if (modifier !== undefined && !isLookupModifier(modifier)) return whole;
    const value = resolveLookup(lookup, key, modifier ?? null);
    if (value === undefined) return whole;
    if (value === null) valueless = true;
    return textOf(value);
  });
  return valueless ? null : out;
}
