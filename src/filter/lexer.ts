import type { CompareOp } from './ast';
import { FILTER_LIMITS, syntaxError, tooComplexError } from './filter.errors';

export type TokenKind =
  | 'lparen' | 'rparen' | 'comma' | 'op' | 'and' | 'or'
  | 'word' | 'string' | 'ident' | 'param' | 'lookup' | 'eof';

/**
 * One token. `start`/`end` are UTF-16 offsets into the filter text. `value` is: the upper-cased
 * word (`word`), the decoded content (`string`, backtick `ident`), the name without colon (`param`),
 * the key (`lookup`, with `modifier`), the normalised operator (`op`); '' otherwise.
 */
export interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  readonly value: string;
  readonly modifier: string | null;
}

const LOOKUP_KEY = '[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*';
const LOOKUP_RE = new RegExp(`\\{(?:([A-Za-z_][A-Za-z0-9_]*)\\((${LOOKUP_KEY})\\)|(${LOOKUP_KEY}))\\}`, 'y');
const PARAM_RE = /^:[A-Za-z_][A-Za-z0-9_]*$/;

/** ASCII characters that end a bare word (API.md 3.10.2); whitespace included. */
const STOP = new Uint8Array(128);
for (const ch of ' \t\r\n(),\'"`=<>!&|{};\0') STOP[ch.charCodeAt(0)] = 1;

const isWhitespace = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13;
const isStop = (code: number): boolean => code < 128 && STOP[code] === 1;

const SYMBOLS: Readonly<Record<string, CompareOp>> = {
  '>=': '>=', '<=': '<=', '!=': '<>', '<>': '<>', '=': '=', '>': '>', '<': '<',
};

/**
 * Splits filter text into tokens in one pass (no recursion). Throws FILTER_SYNTAX with the
 * position of the first character that cannot start a token.
 * @example tokenize("age>=21").map((t) => t.kind) // ['word', 'op', 'word', 'eof']
 */
export function tokenize(text: string): Token[] {
  if (text.length > FILTER_LIMITS.maxLength) {
    throw tooComplexError(`Filter exceeds ${FILTER_LIMITS.maxLength} characters.`);
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isWhitespace(code)) {
      i++;
      continue;
    }
    const token = readToken(text, i, code);
    tokens.push(token);
    i = token.end;
  }
  tokens.push(make('eof', text.length, text.length));
  return tokens;
}

function make(kind: TokenKind, start: number, end: number, value = '', modifier: string | null = null): Token {
  return { kind, start, end, value, modifier };
}

function readToken(text: string, i: number, code: number): Token {
  switch (code) {
    case 40: return make('lparen', i, i + 1);
    case 41: return make('rparen', i, i + 1);
    case 44: return make('comma', i, i + 1);
    case 39: case 34: return readQuoted(text, i, 'string', 'string');
    case 96: return readQuoted(text, i, 'ident', 'quoted field name');
    case 123: return readLookup(text, i);
    case 38: case 124: return readLogical(text, i, code);
    case 61: case 60: case 62: case 33: return readSymbol(text, i);
    case 0: throw syntaxError('unexpected NUL character', text, i);
    case 59: throw syntaxError("unexpected ';'", text, i);
    case 125: throw syntaxError("unexpected '}'", text, i);
    default: return readWord(text, i);
  }
}

/** `'…'` / `"…"` strings and `` `…` `` field names; the delimiter doubled stands for itself. */
function readQuoted(text: string, start: number, kind: 'string' | 'ident', what: string): Token {
  const quote = text[start] as string;
  let value = '';
  let from = start + 1;
  for (;;) {
    const close = text.indexOf(quote, from);
    if (close < 0) throw syntaxError(`unterminated ${what} starting`, text, start);
    value += text.slice(from, close);
    if (text[close + 1] !== quote) {
      checkNoNul(text, start, close);
      return make(kind, start, close + 1, value);
    }
    value += quote;
    from = close + 2;
  }
}

function checkNoNul(text: string, start: number, end: number): void {
  const nul = text.indexOf('\0', start);
  if (nul >= 0 && nul < end) throw syntaxError('unexpected NUL character', text, nul);
}

function readLookup(text: string, start: number): Token {
  LOOKUP_RE.lastIndex = start;
  const m = LOOKUP_RE.exec(text);
  if (!m) throw syntaxError('expected a lookup such as {user.id}', text, start);
  const end = start + m[0].length;
  return m[3] !== undefined ? make('lookup', start, end, m[3]) : make('lookup', start, end, m[2] ?? '', m[1] ?? null);
}

function readLogical(text: string, start: number, code: number): Token {
  if (text.charCodeAt(start + 1) !== code) throw syntaxError(`unexpected '${text[start]}'`, text, start);
  return make(code === 38 ? 'and' : 'or', start, start + 2);
}

function readSymbol(text: string, start: number): Token {
  const two = SYMBOLS[text.slice(start, start + 2)];
  if (two) return make('op', start, start + 2, two);
  const one = SYMBOLS[text[start] as string];
  if (one) return make('op', start, start + 1, one);
  throw syntaxError(`unexpected '${text[start]}'`, text, start);
}

/** A maximal run of bare-word characters: a field name, keyword, bare value word or `:param`. */
function readWord(text: string, start: number): Token {
  let end = start + 1;
  while (end < text.length && !isStop(text.charCodeAt(end))) end++;
  const source = text.slice(start, end);
  if (source.charCodeAt(0) === 58 && PARAM_RE.test(source)) return make('param', start, end, source.slice(1));
  const upper = source.length <= 17 ? source.toUpperCase() : '';
  if (upper === 'AND') return make('and', start, end);
  if (upper === 'OR') return make('or', start, end);
  return make('word', start, end, upper);
}
