import { AppError } from '../common/errors';
import { mysql, postgres, sqlite } from '../database/dialect';
import { render } from '../database/sql/parts';
import { contact, guestLookup, lookup, orders } from '../../test/filter/fixtures';
import { checkFilter, type FilterContext } from './check';
import { compileFilter } from './compile';
import { LOOKUP_MODIFIERS } from './lookups';
import { parseFilter } from './parser';
import { groupResolver, tableResolver } from './targets';

const sql = (filter: string, context: Partial<FilterContext> = {}) => {
  const dialect = context.dialect ?? postgres;
  return render(compileFilter(checkFilter(parseFilter(filter), tableResolver(contact), { lookup, ...context, dialect }), dialect), dialect);
};

const having = (filter: string, dialect = postgres) =>
  render(compileFilter(checkFilter(parseFilter(filter, { aggregates: true }), groupResolver(orders, ['status']), { dialect }), dialect), dialect);

describe('lookups', () => {
  it.each([
    ['strtolower', 'Hello World', 'hello world'],
    ['strtoupper', 'Hello', 'HELLO'],
    ['ucfirst', 'hello world', 'Hello world'],
    ['lcfirst', 'Hello', 'hello'],
    ['ucwords', 'hello big world', 'Hello Big World'],
    ['trim', '  x  ', 'x'],
    ['urlencode', "a b&c=d!'~", 'a+b%26c%3Dd%21%27%7E'],
    ['urldecode', 'a+b%26c', 'a b&c'],
    ['rawurlencode', "a b!'~", 'a%20b%21%27~'],
    ['rawurldecode', 'a%20b+c', 'a b+c'],
    ['base64_encode', 'hi', 'aGk='],
    ['base64_decode', 'aGk=', 'hi'],
  ])('applies %s as DreamFactory does', (name, input, output) => {
    expect(LOOKUP_MODIFIERS[name]!(input)).toBe(output);
  });

  it('binds a guest\'s user lookups as NULL, bare or inside quotes, so nothing matches', () => {
    expect(sql('owner_id = {user.id}', { lookup: guestLookup }).params).toEqual([null]);
    expect(sql("email = 'x{user.email}'", { lookup: guestLookup }).params).toEqual([null]);
    expect(sql("last_name = '{role.name}'", { lookup: guestLookup }).params).toEqual(['reader']);
  });

  it('never substitutes into SQL text, whatever the lookup holds', () => {
    const evil = () => ({ known: true, value: "'; DROP TABLE contact; --" });
    expect(sql('first_name = {user.first_name} AND last_name = \'a{x}b\'', { lookup: evil })).toEqual({
      text: '"first_name" = $1 AND "last_name" = $2', params: ["'; DROP TABLE contact; --", "a'; DROP TABLE contact; --b"],
    });
  });

  it('types a lookup by the column like any value', () => {
    expect(() => sql('age = {user.email}')).toThrow("Field 'age' must be a valid integer.");
    expect(() => sql('age = {user.x}', { lookup: () => ({ known: true, value: { a: 1 } }) })).toThrow("Invalid value for lookup '{user.x}'.");
  });
});

describe('params', () => {
  it('binds JSON scalars and types them by column', () => {
    expect(sql('age > :n AND active = :b AND first_name = :s', { params: { ':n': '7', ':b': false, ':s': 12 }, dialect: mysql }))
      .toEqual({ text: '`age` > ? AND `active` = ? AND `first_name` = ?', params: [7, 0, '12'] });
  });

  it('refuses NUL characters that arrive through params or lookups', () => {
    expect(() => sql('first_name CONTAINS :p', { params: { ':p': 'a\u0000b' } })).toThrow("Field 'first_name' must not contain a NUL character.");
    expect(() => sql('note = {user.x}', { lookup: () => ({ known: true, value: '\u0000' }) })).toThrow("Field 'note' must not contain a NUL character.");
  });

  it('does not read parameters from the prototype', () => {
    expect(() => sql('first_name = :constructor', { params: {} })).toThrow("No value given for parameter ':constructor'.");
    expect(() => sql('first_name = :toString', { params: undefined })).toThrow("No value given for parameter ':toString'.");
  });

  it('refuses more than 1000 params entries', () => {
    const params = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`:p${i}`, i]));
    expect(() => sql('age = :p1', { params })).toThrow(expect.objectContaining({ reason: 'REQUEST_INVALID' }) as unknown as Error);
  });
});

describe('typing', () => {
  it('binds booleans per dialect', () => {
    expect(sql('active = TRUE', { dialect: postgres }).params).toEqual([true]);
    expect(sql('active = n', { dialect: sqlite }).params).toEqual([0]);
  });

  it('keeps text longer than the column comparable', () => {
    expect(sql(`first_name < '${'z'.repeat(100)}'`).params).toEqual(['z'.repeat(100)]);
  });

  it('compares CURRENT_TIME with time columns only', () => {
    expect(sql('opens_at >= CURRENT_TIME').text).toBe('"opens_at" >= CURRENT_TIME');
    expect(() => sql('opens_at >= NOW()')).toThrow("Field 'opens_at' can not be compared with NOW().");
  });
});

describe('having', () => {
  it.each([
    ['SUM(total) > 1000', 'SUM("total") > $1', [1000]],
    ['SUM_total > 1000 AND COUNT_ALL >= 2', 'SUM("total") > $1 AND COUNT(*) >= $2', [1000, 2]],
    ["status = 'paid' OR count(*) > '3'", '"status" = $1 OR COUNT(*) > $2', ['paid', 3]],
    ['AVG(qty) BETWEEN 1.5 AND 2', 'AVG("qty") BETWEEN $1 AND $2', [1.5, 2]],
    ["MAX(placed_on) > '2024-01-01T00:00:00Z'", 'MAX("placed_on") > $1', ['2024-01-01']],
    ['MIN(qty) IN (1, 2) AND COUNT(status) <> 0', 'MIN("qty") IN ($1, $2) AND COUNT("status") <> $3', [1, 2, 0]],
    ['MAX(status) CONTAINS a', `MAX("status") LIKE $1 ESCAPE '\\'`, ['%a%']],
    ['SUM(qty) STARTS WITH 1', `CAST(SUM("qty") AS TEXT) LIKE $1 ESCAPE '\\'`, ['1%']],
  ])('compiles %j', (filter, text, params) => {
    expect(having(filter)).toEqual({ text, params });
  });

  it('types aggregates: COUNT integer, SUM/AVG number, MIN/MAX as the column', () => {
    expect(() => having('COUNT(*) > 1.5')).toThrow("Field 'COUNT_ALL' must be a valid integer.");
    expect(() => having('SUM(total) > abc')).toThrow("Field 'SUM_total' must be a valid number.");
    expect(() => having('MAX(placed_on) > abc')).toThrow("Field 'MAX_placed_on' must be a valid date/time.");
  });

  it.each([
    ['region = 1', 'REQUEST_INVALID', "Field 'region' must appear in group or be aggregated."],
    ['salary > 1', 'FIELD_UNKNOWN', "Invalid or unknown field 'salary' in having clause."],
    ['SUM(salary) > 1', 'FIELD_UNKNOWN', "Invalid or unknown field 'SUM(salary)' in having clause."],
    ['SUM_salary > 1', 'FIELD_UNKNOWN', "Invalid or unknown field 'SUM_salary' in having clause."],
  ])('rejects %j', (filter, reason, message) => {
    expect(() => having(filter)).toThrow(expect.objectContaining({ reason, message }) as unknown as AppError);
  });
});
