import { AppError, type ErrorReason } from '../common/errors';

/**
 * Limits of the filter language (issue #3; stricter than API.md 3.10.7, the issue wins).
 * All are enforced before or during a single pass, never by recursing first.
 */
export const FILTER_LIMITS = {
  /** Characters (UTF-16 code units) of filter text. */
  maxLength: 8192,
  /** Nesting of parentheses and NOT. */
  maxDepth: 32,
  /** Predicates (`a = 1` is one). */
  maxConditions: 200,
  /** Values in one IN list. */
  maxInValues: 1000,
  /** Entries in the `params` object. */
  maxParams: 1000,
} as const;

/** An AppError of the filter language; syntax errors also carry the 0-based character position. */
export class FilterError extends AppError {
  constructor(
    reason: ErrorReason,
    message: string,
    readonly position: number | null = null,
  ) {
    super(reason, message);
    this.name = 'FilterError';
  }
}

/**
 * Character (code point) position of a UTF-16 offset, as API.md 3.10.1 promises.
 * @example characterPosition("'😀' x", 4) // 3
 */
export function characterPosition(text: string, offset: number): number {
  let position = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const code = text.charCodeAt(i);
    // The low half of a surrogate pair is part of the previous character.
    if (code < 0xdc00 || code > 0xdfff || i === 0 || !isHighSurrogate(text.charCodeAt(i - 1))) position++;
  }
  return position;
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/**
 * `FILTER_SYNTAX` with the contract's message.
 * @example syntaxError("expected a value after '>='", 'age >= ', 7)
 *   // Invalid or unparsable filter request: expected a value after '>=' at position 7.
 */
export function syntaxError(what: string, text: string, offset: number): FilterError {
  const position = characterPosition(text, offset);
  return new FilterError('FILTER_SYNTAX', `Invalid or unparsable filter request: ${what} at position ${position}.`, position);
}

/**
 * `FILTER_UNKNOWN_FIELD` naming the field as the caller wrote it.
 * @example unknownFieldError('salary').message // "Invalid or unparsable field in filter request: 'salary'"
 */
export function unknownFieldError(name: string, position: number | null = null): FilterError {
  return new FilterError('FILTER_UNKNOWN_FIELD', `Invalid or unparsable field in filter request: '${name}'`, position);
}

/**
 * `FILTER_INVALID_VALUE` with a typing, parameter or lookup message.
 * @example invalidValueError("Field 'age' must be a valid integer.")
 */
export function invalidValueError(message: string): FilterError {
  return new FilterError('FILTER_INVALID_VALUE', message);
}

/**
 * `FILTER_TOO_COMPLEX` for a limit of FILTER_LIMITS.
 * @example tooComplexError('Filter is nested too deeply (limit 32).', 32)
 */
export function tooComplexError(message: string, position: number | null = null): FilterError {
  return new FilterError('FILTER_TOO_COMPLEX', message, position);
}

/**
 * A short, quoted rendering of caller text for messages.
 * @example quoteText('XOR') // "'XOR'"
 */
export function quoteText(text: string): string {
  const short = text.length > 24 ? `${text.slice(0, 24)}…` : text;
  return `'${short}'`;
}
