import { AppError } from '../../common/errors';
import { TYPE_FAMILY } from '../../common/values';
import type { SimpleType } from '../schema-cache/schema.types';
import type { CallArguments, CallOptions, CallRequest } from './routine.types';

export interface CallInput {
  /** The parsed request body (a JSON object), or undefined when there was none. */
  readonly body?: unknown;
  /** Decoded query parameters of the request. */
  readonly query?: Readonly<Record<string, unknown>>;
  /** Values of an inline call `/_proc/name(v1,v2)`, from `splitInlineCall`. */
  readonly inline?: readonly string[];
}

/**
 * Query parameters that are never routine arguments: credentials and the call's own options.
 * A routine parameter with one of these names can still be given in the body.
 */
const RESERVED_QUERY_KEYS = new Set(['api_key', 'session_token', '_method', 'method', 'returns', 'wrapper', 'schema', 'params', 'accept', 'file', 'refresh']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const invalid = (message: string): AppError => new AppError('REQUEST_INVALID', message);

/**
 * Splits the last path segment of a call: `add(1, 'two')` → `{ name: 'add', values: ['1', 'two'] }`
 * (split on `,`, trimmed, surrounding quotes removed; API.md 3.16.2); `add` → `{ name: 'add' }`.
 */
export function splitInlineCall(segment: string): { name: string; values?: string[] } {
  const match = /^([^()]*)\((.*)\)$/s.exec(segment);
  if (!match) return { name: segment };
  const inner = (match[2] ?? '').trim();
  const values = inner === '' ? [] : inner.split(',').map((v) => v.trim().replace(/^(['"])(.*)\1$/s, '$2'));
  return { name: (match[1] ?? '').trim(), values };
}

/**
 * Reads the arguments and options of a routine call from its body, inline values and query
 * (API.md 3.16.2). Arguments: body `params` (array of `{name,value}`, positional array, or object),
 * else inline values, else matching query parameters. Options: `returns`, `wrapper` (query wins
 * over body, as everywhere, API.md 2.4) and `schema` (body only). Shape errors → 400 REQUEST_INVALID.
 */
export function parseCallRequest(input: CallInput): CallRequest {
  const body = input.body ?? undefined;
  if (body !== undefined && !isObject(body)) throw invalid('A routine call body must be a JSON object.');
  const query = input.query ?? {};
  return {
    args: bodyArguments(body?.params) ?? inlineArguments(input.inline) ?? queryArguments(query),
    options: parseOptions(body ?? {}, query),
  };
}

function bodyArguments(params: unknown): CallArguments | undefined {
  if (params === undefined || params === null) return undefined;
  if (Array.isArray(params)) {
    if (params.length === 0) return undefined;
    const named = params.filter((item) => isObject(item) && typeof item.name === 'string');
    if (named.length === 0) return { source: 'positional', values: params };
    if (named.length !== params.length) {
      throw invalid("Every item of 'params' must be an object with a 'name', or none may be.");
    }
    // `param_type` in the request is ignored: modes come from the catalog.
    return { source: 'named', values: named.map((item) => [item.name as string, item.value] as const) };
  }
  if (isObject(params)) {
    const entries = Object.entries(params);
    if (entries.length === 0) return undefined;
    return { source: 'named', values: entries.map(([name, v]) => [name, isObject(v) && 'value' in v ? v.value : v] as const) };
  }
  throw invalid("'params' must be an array or an object.");
}

function inlineArguments(inline: readonly string[] | undefined): CallArguments | undefined {
  return inline && inline.length > 0 ? { source: 'positional', values: inline } : undefined;
}

function queryArguments(query: Readonly<Record<string, unknown>>): CallArguments {
  const values: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(query)) {
    if (!RESERVED_QUERY_KEYS.has(key)) values[key] = value;
  }
  return { source: 'query', values };
}

function parseOptions(body: Record<string, unknown>, query: Readonly<Record<string, unknown>>): CallOptions {
  const returns = query.returns ?? body.returns;
  const wrapper = query.wrapper ?? body.wrapper;
  return {
    ...(returns === undefined || returns === '' ? {} : { returns: parseReturns(returns) }),
    ...(wrapper === undefined || wrapper === '' ? {} : { wrapper: parseWrapper(wrapper) }),
    ...(body.schema === undefined || body.schema === null ? {} : { schema: parseSchema(body.schema) }),
  };
}

function isSimpleType(value: string): value is SimpleType {
  return Object.prototype.hasOwnProperty.call(TYPE_FAMILY, value);
}

function parseReturns(value: unknown): SimpleType | 'table' {
  const type = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (type === 'table' || isSimpleType(type)) return type;
  throw invalid("Invalid value for 'returns': expected a simple type or 'table'.");
}

function parseWrapper(value: unknown): string {
  if (typeof value === 'string' && value.length <= 255) return value;
  throw invalid("Invalid value for 'wrapper': expected a string.");
}

function parseSchema(value: unknown): Record<string, SimpleType> {
  if (!isObject(value)) throw invalid("Invalid value for 'schema': expected an object of column types.");
  const schema: Record<string, SimpleType> = {};
  for (const [column, type] of Object.entries(value)) {
    const name = typeof type === 'string' ? type.trim().toLowerCase() : '';
    if (!isSimpleType(name)) throw invalid(`Invalid type for column '${column}' in 'schema'.`);
    schema[column] = name;
  }
  return schema;
}
