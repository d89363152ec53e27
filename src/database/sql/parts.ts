import type { Dialect } from '../dialect/dialect';

/**
 * A piece of SQL under construction: literal SQL text written by this server, a bound value,
 * or an identifier taken from the schema cache. Nothing from a request is ever a string part.
 */
export type Part = string | { readonly param: unknown } | { readonly ident: string };

export const param = (value: unknown): Part => ({ param: value });
export const ident = (name: string): Part => ({ ident: name });

export interface Sql {
  readonly text: string;
  readonly params: unknown[];
}

/**
 * Renders parts for one dialect.
 * @example render(['SELECT * FROM ', ident('a'), ' WHERE ', ident('id'), ' = ', param(1)], postgres)
 *   // { text: 'SELECT * FROM "a" WHERE "id" = $1', params: [1] }
 */
export function render(parts: readonly Part[], dialect: Dialect, firstParam = 1): Sql {
  const params: unknown[] = [];
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
    } else if ('ident' in part) {
      text += dialect.quoteIdentifier(part.ident);
    } else {
      params.push(part.param);
      text += dialect.placeholder(firstParam + params.length - 1);
    }
  }
  return { text, params };
}

/** Joins groups of parts with a separator. */
export function joinParts(groups: readonly (readonly Part[])[], separator: string): Part[] {
  const out: Part[] = [];
  groups.forEach((group, index) => {
    if (index > 0) out.push(separator);
    out.push(...group);
  });
  return out;
}
