import { postgres } from '../database/dialect';
import { render } from '../database/sql/parts';
import { contact, lookup, params } from '../../test/filter/fixtures';
import { checkFilter } from './check';
import { compileFilter } from './compile';
import { FilterError } from './filter.errors';
import { parseFilter } from './parser';
import { tableResolver } from './targets';

function compile(filter: string) {
  const checked = checkFilter(parseFilter(filter), tableResolver(contact), { dialect: postgres, params, lookup });
  return render(compileFilter(checked, postgres), postgres);
}

function rejection(filter: string): { reason: string; message: string; position: number | null } {
  try {
    compile(filter);
  } catch (error) {
    if (!(error instanceof FilterError)) throw error;
    return { reason: error.reason, message: error.message, position: error.position };
  }
  throw new Error(`accepted: ${filter}`);
}

const syntax = (what: string, position: number) =>
  ['FILTER_SYNTAX', `Invalid or unparsable filter request: ${what} at position ${position}.`, position] as const;
const unknown = (field: string, position: number | null) =>
  ['FILTER_UNKNOWN_FIELD', `Invalid or unparsable field in filter request: '${field}'`, position] as const;
const invalid = (message: string) => ['FILTER_INVALID_VALUE', message, null] as const;
const complex = (message: string, position: number | null) => ['FILTER_TOO_COMPLEX', message, position] as const;

const REJECTED: readonly (readonly [string, readonly [string, string, number | null]])[] = [
  // API.md 3.10.9 examples 38-49.
  ["age > 'abc'", invalid("Field 'age' must be a valid integer.")],
  ['salary > 10', unknown('salary', null)],
  ["first_name = 'x' OR 1=1", unknown('1', 20)],
  ['id = (SELECT id FROM orders)', syntax('parenthesised values are not allowed', 5)],
  ["first_name = 'x'; DROP TABLE contact", syntax("unexpected ';'", 16)],
  ["first_name = 'x' -- ", syntax("unexpected '--'", 17)],
  ['age = null', invalid('Use IS NULL or IS NOT NULL to compare with NULL.')],
  ['(age = 1) XOR (age = 2)', syntax("unexpected 'XOR'", 10)],
  ['age > 1 AND', syntax('expected a condition', 11)],
  ['id IN 1,2', ['FILTER_SYNTAX', 'Filter value lists must be wrapped in parentheses.', 6]],
  ['last_name = :missing', invalid("No value given for parameter ':missing'.")],
  ["contact.first_name = 'Jo'", unknown('contact.first_name', 0)],
  // Injection attempts.
  ['created_at >= ', syntax("expected a value after '>='", 14)],
  ["first_name = 'x' UNION SELECT password FROM user", syntax("unexpected 'UNION'", 17)],
  ['age = pg_sleep(5)', syntax("unexpected '('", 14)],
  ['age = 1 OR pg_sleep(5) = 0', syntax("expected an operator after 'pg_sleep'", 19)],
  ['SLEEP(5)', syntax("expected an operator after 'SLEEP'", 5)],
  ["first_name = 'a\\' OR 1=1 -- ", unknown('1', 21)],
  ["first_name = 'a\\' OR 1=1 --'", syntax('unterminated string starting', 27)],
  ["first_name = '\\'; DROP TABLE contact; --'", syntax("unexpected ';'", 16)],
  ["first_name = 'a\u0000b'", syntax('unexpected NUL character', 15)],
  ['age = 1\u0000', syntax('unexpected NUL character', 7)],
  ['first_name = ’x’ OR ’1’=’1’', unknown('’1’', 20)],
  ["first_name = '😀' OR 1=1", unknown('1', 20)],
  [`${'('.repeat(10000)}age = 1${')'.repeat(10000)}`, complex('Filter exceeds 8192 characters.', null)],
  [`${'('.repeat(4000)}age = 1${')'.repeat(4000)}`, complex('Filter is nested too deeply (limit 32).', 32)],
  [`${'NOT '.repeat(2000)}age = 1`, complex('Filter is nested too deeply (limit 32).', 128)],
  ["first_name = 'x' /* c */", syntax("unexpected '/*'", 17)],
  ["first_name = 'x' # c", syntax("unexpected '#'", 17)],
  ["first_name = 'abc", syntax('unterminated string starting', 13)],
  ['`first_name = 1', syntax('unterminated quoted field name starting', 0)],
  ['first_name = {user.id', syntax('expected a lookup such as {user.id}', 13)],
  ['first_name = {evil(user.id)}', syntax("unknown lookup modifier 'evil'", 13)],
  // Other operators and shapes that are not the language.
  ['a == 1', syntax("expected a value after '='", 3)],
  ["age REGEXP '^1'", syntax("expected an operator after 'age'", 4)],
  ["age ILIKE 'x'", syntax("expected an operator after 'age'", 4)],
  ['age = 1 AND OR age = 2', syntax("expected a condition but found 'OR'", 12)],
  ['AND = 1', syntax("expected a condition but found 'AND'", 0)],
  ['NOT = 1', syntax("expected a condition but found '='", 4)],
  ['age NOT = 1', syntax("expected LIKE, CONTAINS, STARTS WITH, ENDS WITH, IN or BETWEEN after 'NOT'", 8)],
  ['IN = 1', syntax("unexpected 'IN'", 0)],
  ['SUM(total) > 1', syntax("expected an operator after 'SUM'", 3)],
  ['first_name = x = y', syntax("unexpected '='", 15)],
  ['age = 1 &  age = 2', syntax("unexpected '&'", 8)],
  ['(age = 1', syntax("expected ')'", 8)],
  ['age = 1)', syntax("unexpected ')'", 7)],
  ['', syntax('expected a condition', 0)],
  ['age IN (1, 2', syntax("expected ',' or ')' in the value list", 12)],
  ['age IN (1,,2)', syntax("expected a value after ','", 10)],
  ['age BETWEEN 1 OR 2', syntax("expected 'AND' in BETWEEN", 14)],
  ['age IS 5', syntax("expected 'NULL' after 'IS'", 7)],
  ["last_name STARTS 'x'", syntax("expected 'WITH' after 'STARTS'", 17)],
  // Limits (issue #3).
  ['x'.repeat(8193), complex('Filter exceeds 8192 characters.', null)],
  [Array(201).fill('age = 1').join(' OR '), complex('Filter has more than 200 conditions.', 2200)],
  [`age IN (${Array.from({ length: 1001 }, (_, i) => i).join(',')})`, complex('IN list has more than 1000 values.', 4)],
  // Values that do not fit the column, parameters and lookups.
  ['active = maybe', invalid("Field 'active' must be a valid boolean.")],
  ["birthday = 'yesterday'", invalid("Field 'birthday' must be a valid date/time.")],
  ["uid = 'abc'", invalid("Field 'uid' must be a valid UUID.")],
  ['score > abc', invalid("Field 'score' must be a valid number.")],
  ['big > 99999999999999999999', invalid("Field 'big' must be a valid integer.")],
  ['age CONTAINS NOW()', invalid("Field 'age' can not be compared with NOW().")],
  ['age > NOW()', invalid("Field 'age' can not be compared with NOW().")],
  ['birthday > CURRENT_TIME', invalid("Field 'birthday' can not be compared with CURRENT_TIME.")],
  ['owner_id = {nope}', invalid("Unknown lookup '{nope}'.")],
  ['first_name = :obj', invalid("Invalid value for parameter ':obj': expected a string, number or boolean.")],
  ['first_name = :nul', invalid("Invalid value for parameter ':nul': expected a string, number or boolean.")],
];

describe('rejected filters', () => {
  it('has at least 30 cases', () => {
    expect(REJECTED.length).toBeGreaterThanOrEqual(30);
  });

  it.each(REJECTED)('rejects %j', (filter, [reason, message, position]) => {
    expect(rejection(filter)).toEqual({ reason, message, position });
  });

  it('answers 400 for every rejection', () => {
    for (const [filter] of REJECTED) {
      expect(() => compile(filter)).toThrow(expect.objectContaining({ status: 400 }) as unknown as Error);
    }
  });
});

/** Text that looks like SQL but, as a value, is only ever a bound parameter. */
describe('injection text inside values', () => {
  it.each([
    ['first_name = x UNION SELECT password FROM user', 'x UNION SELECT password FROM user'],
    ["first_name = 'x'' OR 1=1 --'", "x' OR 1=1 --"],
    ['first_name = 1 -- comment', '1 -- comment'],
    ["first_name = '); SELECT pg_sleep(5); --'", '); SELECT pg_sleep(5); --'],
    ['first_name = "SLEEP(5)"', 'SLEEP(5)'],
    ['first_name = \\x27\\x20OR\\x201', '\\x27\\x20OR\\x201'],
    ['first_name = 1/**/OR/**/1', '1/**/OR/**/1'],
  ])('binds %j as one value', (filter, value) => {
    expect(compile(filter)).toEqual({ text: '"first_name" = $1', params: [value] });
  });
});
