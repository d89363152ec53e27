import type { SqlFunctionName } from '../../database/dialect/dialect';

export type ExpressionResult =
  | { readonly kind: 'none' }
  | { readonly kind: 'function'; readonly fn: SqlFunctionName }
  | { readonly kind: 'invalid'; readonly message: string };

const NONE: ExpressionResult = { kind: 'none' };

const ALLOWED: Readonly<Record<string, SqlFunctionName>> = {
  'NOW()': 'NOW', CURRENT_DATE: 'CURRENT_DATE', CURRENT_TIME: 'CURRENT_TIME', CURRENT_TIMESTAMP: 'CURRENT_TIMESTAMP',
};

/**
 * A record value `{"expression":"NOW()"}` (API.md 3.8): one of the allowed date/time functions,
 * case-insensitive, or `SQL expression 'x' is not permitted.`; any other value is `none` (data for
 * coerceInput). Render the function with `sqlFunction(engine, fn)`.
 * @example writeExpression({ expression: 'now()' })  // { kind: 'function', fn: 'NOW' }
 */
export function writeExpression(value: unknown): ExpressionResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return NONE;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== 'expression') return NONE;
  const expression = (value as { expression: unknown }).expression;
  const text = typeof expression === 'string' ? expression : JSON.stringify(expression) ?? '';
  const fn = ALLOWED[text.trim().replace(/\s+/g, '').toUpperCase()];
  return fn ? { kind: 'function', fn } : { kind: 'invalid', message: `SQL expression '${text}' is not permitted.` };
}
