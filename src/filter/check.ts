import { AppError } from '../common/errors';
import { coerceInput } from '../common/values';
import { typeFamily } from '../common/values/type-families';
import type { Dialect, SqlFunctionName } from '../database/dialect/dialect';
import {
  assertNever, mapNode, type BoundValue, type CheckedFilter, type FilterNode, type MatchOp, type Node, type Operand,
  type ResolvedFilter, type Target, type Value,
} from './ast';
import { FILTER_LIMITS, invalidValueError, unknownFieldError } from './filter.errors';
import { type LookupFn, resolveLookup, substituteLookups, textOf } from './lookups';
import type { FieldResolver } from './targets';

/** What one request brings to a filter: its database, `params` and lookups. */
export interface FilterContext {
  readonly dialect: Dialect;
  /** Values of `:name` placeholders; keys include the colon (`{":ln": "Doe"}`). */
  readonly params?: Readonly<Record<string, unknown>> | null;
  /** `{user.id}`-style lookups; private lookups must answer `{ known: false }`. */
  readonly lookup?: LookupFn;
}

/**
 * Resolves every operand against the schema (names become the schema's spelling). The result
 * depends only on the text and the schema, so it can be cached per table version.
 * @example resolveFilter(parseFilter('AGE > 3'), tableResolver(contact)) // operand { kind: 'column', name: 'age', … }
 */
export function resolveFilter(ast: FilterNode, resolver: FieldResolver): ResolvedFilter {
  return mapNode(ast, (operand) => resolver(operand) ?? unknownOperand(operand), (value) => value);
}

function unknownOperand(operand: Operand): never {
  const name = operand.kind === 'field' ? operand.name : `${operand.fn}(${operand.field ?? '*'})`;
  throw unknownFieldError(name);
}

/**
 * Types and binds every value for one request: column typing (3.10.6), `:params`, lookups.
 * @example bindFilter(resolved, { dialect: postgres, params: { ':ln': 'Doe' } })
 */
export function bindFilter(resolved: ResolvedFilter, context: FilterContext): CheckedFilter {
  if (context.params && Object.keys(context.params).length > FILTER_LIMITS.maxParams) {
    throw new AppError('REQUEST_INVALID', `Too many entries in params (limit ${FILTER_LIMITS.maxParams}).`);
  }
  return mapNode(resolved, (target) => target, (value, target, node) => bindValue(value, target, node, context));
}

/**
 * Parsed tree → tree ready to compile: fields resolved, values typed and bound.
 * @example compileFilter(checkFilter(parseFilter("age > '30'"), tableResolver(contact), { dialect: postgres }), postgres)
 *   // ['"age"', ' > ', { param: 30 }] → "age" > $1 [30]
 */
export function checkFilter(ast: FilterNode, resolver: FieldResolver, context: FilterContext): CheckedFilter {
  return bindFilter(resolveFilter(ast, resolver), context);
}

function bindValue(value: Value, target: Target, node: Node<Target, Value>, context: FilterContext): BoundValue {
  if (value.kind === 'function') return { kind: 'function', name: checkFunction(value.name, target, node) };
  const raw = rawValue(value, context);
  if (raw === null) return { kind: 'param', value: null };
  // The text itself cannot hold NUL, but :params and lookups can; PostgreSQL text would refuse it.
  if (typeof raw === 'string' && raw.includes('\u0000')) {
    throw invalidValueError(`Field '${target.typing.name}' must not contain a NUL character.`);
  }
  if (node.kind === 'match') return { kind: 'param', value: matchPattern(node.op, textOf(raw)) };
  // Text columns skip coerceInput: a filter value longer than the column is still comparable.
  const family = typeFamily(target.typing.type);
  if (family === 'string' || family === 'json') return { kind: 'param', value: textOf(raw) };
  const typed = coerceInput(target.typing, raw, context.dialect);
  if (!typed.ok) throw invalidValueError(typed.message);
  return { kind: 'param', value: typed.value };
}

/** The value as the request gives it: text, a JSON scalar, or `null` for a valueless lookup. */
function rawValue(value: Exclude<Value, { kind: 'function' }>, context: FilterContext): unknown {
  switch (value.kind) {
    case 'string':
      return substituteLookups(value.value, context.lookup);
    case 'bare':
      if (value.value.toUpperCase() === 'NULL') throw invalidValueError('Use IS NULL or IS NOT NULL to compare with NULL.');
      return value.value;
    case 'param':
      return paramValue(value.name, context);
    case 'lookup': {
      const resolved = resolveLookup(context.lookup, value.key, value.modifier);
      if (resolved === undefined) throw invalidValueError(`Unknown lookup '{${value.key}}'.`);
      if (resolved !== null && typeof resolved === 'object') throw invalidValueError(`Invalid value for lookup '{${value.key}}'.`);
      return resolved;
    }
    default:
      return assertNever(value);
  }
}

function paramValue(name: string, context: FilterContext): unknown {
  const key = `:${name}`;
  const params = context.params;
  if (!params || !Object.hasOwn(params, key) || params[key] === undefined) {
    throw invalidValueError(`No value given for parameter '${key}'.`);
  }
  const value = params[key];
  if (typeof value === 'string') return substituteLookups(value, context.lookup);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  throw invalidValueError(`Invalid value for parameter '${key}': expected a string, number or boolean.`);
}

/**
 * The bound pattern of a match operator: LIKE verbatim (`\` escapes, 3.10.4); the others escape
 * `%`, `_`, `\` and add the wildcards.
 * @example matchPattern('contains', 'o_n') // '%o\\_n%'
 */
export function matchPattern(op: MatchOp, text: string): string {
  if (op === 'like') return text;
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return op === 'contains' ? `%${escaped}%` : op === 'starts' ? `${escaped}%` : `%${escaped}`;
}

/**
 * Date/time functions only meet columns every engine can compare them with: dates and
 * date-times take NOW()/CURRENT_TIMESTAMP/CURRENT_DATE, times take CURRENT_TIME.
 * (PostgreSQL has no `date > time with time zone` operator, nor `integer > timestamptz`.)
 */
function checkFunction(name: SqlFunctionName, target: Target, node: Node<Target, Value>): SqlFunctionName {
  const family = typeFamily(target.typing.type);
  const isTime = family === 'time' || family === 'timetz';
  const isDate = family === 'date' || family === 'datetime' || family === 'datetimetz';
  const fits = node.kind !== 'match' && (name === 'CURRENT_TIME' ? isTime : isDate);
  if (!fits) throw invalidValueError(`Field '${target.typing.name}' can not be compared with ${name === 'NOW' ? 'NOW()' : name}.`);
  return name;
}
