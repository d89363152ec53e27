import { AppError } from '../../../common/errors';
import { typeFamily } from '../../../common/values/type-families';
import type { DialectName, SqlFunctionName } from '../../dialect/dialect';
import { DIALECTS } from '../../dialect';
import type { SimpleType } from '../../schema-cache/schema.types';

/**
 * Default values in DDL. A DEFAULT clause cannot take a bound parameter, so the value (already
 * typecast by coerceInput for its column) is printed as a typed literal: numbers checked against
 * a numeric pattern, booleans in the engine's spelling, text quoted with doubled quotes (and, where
 * the engine reads backslash escapes, doubled backslashes), bytes as hex. Expressions are only the
 * four date/time functions (API.md 3.13, 8.1 row 3).
 */
const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * A quoted string literal.
 * @example quoteText("it's", 'postgres')   // "'it''s'"
 * @example quoteText('a\\b', 'postgres')   // "E'a\\\\b'"
 * @example quoteText("a\\'b", 'mysql')     // "'a\\\\''b'"
 */
export function quoteText(text: string, engine: DialectName): string {
  if (text.includes('\u0000')) throw new AppError('VALUE_INVALID', 'A default value must not contain a NUL character.');
  const quotes = text.replace(/'/g, "''");
  // MySQL reads backslash escapes in literals (unless NO_BACKSLASH_ESCAPES); PostgreSQL only in E''.
  if (engine === 'mysql') return `'${quotes.replace(/\\/g, '\\\\')}'`;
  if (engine === 'postgres' && text.includes('\\')) return `E'${quotes.replace(/\\/g, '\\\\')}'`;
  return `'${quotes}'`;
}

/**
 * The literal of a typecast default value for a column of `type`.
 * @example sqlLiteral(true, 'boolean', 'postgres')   // 'TRUE'
 * @example sqlLiteral('12.50', 'decimal', 'mysql')   // '12.50'
 */
export function sqlLiteral(value: unknown, type: SimpleType, engine: DialectName): string {
  if (value === null) return 'NULL';
  const family = typeFamily(type);
  switch (family) {
    case 'boolean': {
      const on = value === true || value === 1 || value === '1';
      return engine === 'postgres' ? (on ? 'TRUE' : 'FALSE') : on ? '1' : '0';
    }
    case 'integer':
    case 'bigid': {
      const text = String(value);
      if (!INTEGER.test(text)) throw new AppError('VALUE_INVALID', 'A default value is not a valid integer.');
      return text;
    }
    case 'float': {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new AppError('VALUE_INVALID', 'A default value must be a finite number.');
      return String(value);
    }
    case 'decimal': {
      const text = String(value);
      if (!DECIMAL.test(text)) throw new AppError('VALUE_INVALID', 'A default value is not a valid number.');
      return text;
    }
    case 'binary': {
      const hex = Buffer.isBuffer(value) ? value.toString('hex') : '';
      return engine === 'postgres' ? `decode('${hex}', 'hex')` : `X'${hex}'`;
    }
    default:
      return quoteText(typeof value === 'string' ? value : JSON.stringify(value), engine);
  }
}

/**
 * A date/time function as a DEFAULT: MySQL needs parentheses around expression defaults other
 * than CURRENT_TIMESTAMP (https://dev.mysql.com/doc/refman/8.0/en/data-type-defaults.html).
 * @example defaultFunction('CURRENT_DATE', 'mysql')  // '(CURRENT_DATE)'
 */
export function defaultFunction(fn: SqlFunctionName, engine: DialectName): string {
  const text = DIALECTS[engine].sqlFunction(fn);
  if (engine === 'mysql' && (fn === 'CURRENT_DATE' || fn === 'CURRENT_TIME')) return `(${text})`;
  return text;
}
