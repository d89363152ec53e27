/**
 * CORS of API.md 4.9 as pure functions: which stored rule applies to a path, whether an origin is
 * allowed by it, and the response headers. Paths use `*` wildcards only, matched without regular
 * expressions (API.md 9 #63: no ReDoS).
 */

export const VERB_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const DEFAULT_CORS_HEADERS = 'Content-Type, Authorization, X-DreamFactory-API-Key, X-DreamFactory-Session-Token, X-HTTP-Method, X-Requested-With';

/** One enabled rule as the policy reads it. */
export interface CorsRule {
  readonly path: string;
  readonly origin: string;
  readonly header: string | null;
  readonly exposedHeader: string | null;
  /** Verb mask: GET 1, POST 2, PUT 4, PATCH 8, DELETE 16. */
  readonly method: number;
  readonly maxAge: number;
  readonly supportsCredentials: boolean;
}

/**
 * Whether `text` matches `pattern`, where `*` stands for any run of characters (also `/`).
 * Greedy with one backtrack point: time O(pattern × text) at worst, never exponential.
 * @example matchesPath('api/v2/*', 'api/v2/db/_table') // true
 */
export function matchesPath(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.length && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** The enabled rule with the longest path matching the request path (without its leading `/`). */
export function selectRule<R extends CorsRule>(rules: readonly R[], path: string): R | undefined {
  const target = path.replace(/^\/+/, '');
  let best: R | undefined;
  for (const rule of rules) {
    const pattern = rule.path.replace(/^\/+/, '');
    if (matchesPath(pattern, target) && (!best || pattern.length > best.path.replace(/^\/+/, '').length)) best = rule;
  }
  return best;
}

/**
 * An origin in its serialized form (scheme and host lower-cased, default port dropped), or
 * undefined when it is not an origin (`null`, a path, garbage).
 * @example normalizeOrigin('HTTPS://App.Example.com:443') // 'https://app.example.com'
 */
export function normalizeOrigin(origin: string): string | undefined {
  const text = origin.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/?#]+$/i.test(text)) return undefined;
  try {
    const url = new URL(text);
    return url.origin === 'null' ? undefined : url.origin;
  } catch {
    return undefined;
  }
}

/** The items of a comma list, trimmed, empty ones dropped. */
export function commaList(text: string | null | undefined): string[] {
  return (text ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
}

/** Whether the rule allows the origin: listed exactly (scheme, host, port) or `*`; `null` never. */
export function allowsOrigin(rule: CorsRule, origin: string): boolean {
  const normalized = normalizeOrigin(origin);
  if (!normalized) return false;
  return commaList(rule.origin).some((item) => item === '*' || normalizeOrigin(item) === normalized);
}

export function verbsOf(mask: number): string[] {
  return VERB_ORDER.filter((_, i) => (mask & (1 << i)) !== 0);
}

/**
 * The CORS headers of a response, or undefined when none are sent (no rule, origin not allowed).
 * Allow-Origin is the request's origin when credentials are supported or the rule lists origins,
 * `*` for a wildcard rule without credentials.
 */
export function corsHeaders(rule: CorsRule | undefined, origin: string | undefined, preflight: boolean): Record<string, string> | undefined {
  if (!rule || origin === undefined || !allowsOrigin(rule, origin)) return undefined;
  const wildcard = commaList(rule.origin).includes('*');
  const headers: Record<string, string> = {
    'Access-Control-Allow-Origin': wildcard && !rule.supportsCredentials ? '*' : origin.trim(),
    Vary: 'Origin',
  };
  if (rule.supportsCredentials) headers['Access-Control-Allow-Credentials'] = 'true';
  if (preflight) {
    headers['Access-Control-Allow-Methods'] = verbsOf(rule.method).join(', ');
    headers['Access-Control-Allow-Headers'] = commaList(rule.header ?? DEFAULT_CORS_HEADERS).join(', ');
    headers['Access-Control-Max-Age'] = String(rule.maxAge);
  } else if (commaList(rule.exposedHeader).length > 0) {
    headers['Access-Control-Expose-Headers'] = commaList(rule.exposedHeader).join(', ');
  }
  return headers;
}
