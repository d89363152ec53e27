import { AppError } from '../common/errors';
import { mysql, postgres, sqlite } from '../database/dialect';
import { render } from '../database/sql/parts';
import { contact, orders } from '../../test/filter/fixtures';
import { orderParts, parseFields, parseGroup, parseOrder, selectItemParts } from './select-list';

function failure(fn: () => unknown): { reason: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return { reason: error.reason, message: error.message };
    throw error;
  }
  throw new Error('accepted');
}

describe('parseGroup', () => {
  it('resolves names case-insensitively to the schema spelling, without duplicates', () => {
    expect(parseGroup(' Status ,region,STATUS', orders)).toEqual(['status', 'region']);
  });

  it.each(['salary', 'status; DROP TABLE orders', 'SUM(total)', 'orders.status'])('rejects %j', (text) => {
    expect(failure(() => parseGroup(text, orders))).toEqual({
      reason: 'FIELD_UNKNOWN', message: `Invalid or unknown field '${text}' in group by clause.`,
    });
  });
});

describe('parseFields', () => {
  it('expands * to every column and resolves names', () => {
    expect(parseFields('*', orders).map((i) => i.outputName)).toEqual(['id', 'status', 'region', 'total', 'qty', 'placed_on']);
    expect(parseFields('FIRST_NAME, age,first_name', contact).map((i) => i.outputName)).toEqual(['first_name', 'age']);
    expect(parseFields('', contact)).toEqual([]);
  });

  it('accepts aggregates with group, named SUM_c and COUNT_ALL', () => {
    const items = parseFields('status,COUNT(*),sum( Total ),max(placed_on)', orders, { group: ['status'] });
    expect(items.map((i) => i.outputName)).toEqual(['status', 'COUNT_ALL', 'SUM_total', 'MAX_placed_on']);
    expect(items.map((i) => render(selectItemParts(i), postgres).text)).toEqual([
      '"status"', 'COUNT(*) AS "COUNT_ALL"', 'SUM("total") AS "SUM_total"', 'MAX("placed_on") AS "MAX_placed_on"',
    ]);
  });

  it.each([
    ['salary', {}, 'FIELD_UNKNOWN', 'Invalid field requested: salary'],
    ['id, (SELECT 1)', {}, 'FIELD_UNKNOWN', 'Invalid field requested: (SELECT 1)'],
    ['SUM(total)', {}, 'FIELD_UNKNOWN', 'Invalid field requested: SUM(total)'],
    ['SUM(*)', { group: ['status'] }, 'FIELD_UNKNOWN', 'Invalid field requested: SUM(*)'],
    ['SUM(nope)', { group: ['status'] }, 'FIELD_UNKNOWN', 'Invalid field requested: SUM(nope)'],
    ['region', { group: ['status'] }, 'REQUEST_INVALID', "Field 'region' must appear in group or be aggregated."],
    ['*', { group: ['status'] }, 'REQUEST_INVALID', "Field 'id' must appear in group or be aggregated."],
  ])('rejects %j (%j)', (text, options, reason, message) => {
    expect(failure(() => parseFields(text, orders, options))).toEqual({ reason, message });
  });
});

describe('parseOrder', () => {
  it('reads direction and NULLS placement case-insensitively', () => {
    expect(parseOrder('First_Name, age DESC NULLS LAST, email asc, id nulls first', contact).map((o) => [
      o.target.kind === 'column' ? o.target.name : '', o.direction, o.nulls,
    ])).toEqual([['first_name', 'ASC', null], ['age', 'DESC', 'LAST'], ['email', 'ASC', null], ['id', 'ASC', 'FIRST']]);
  });

  it.each([
    [postgres, '"name" ASC, "age" DESC NULLS LAST'],
    [sqlite, '"name" ASC, "age" DESC NULLS LAST'],
    [mysql, '`name` ASC, `age` IS NULL ASC, `age` DESC'],
  ])('renders NULLS LAST for %s', (dialect, text) => {
    const table = { ...contact, columns: [...contact.columns, { ...contact.columns[1]!, name: 'name' }] };
    expect(render(orderParts(parseOrder('name, age desc nulls last', table), dialect), dialect).text).toBe(text);
  });

  it('renders NULLS FIRST on MySQL by sorting NULLs first', () => {
    expect(render(orderParts(parseOrder('age nulls first', contact), mysql), mysql).text).toBe('`age` IS NULL DESC, `age` ASC');
  });

  it('accepts group columns and aggregates in both spellings when grouped', () => {
    const order = parseOrder('SUM_total desc, count(*), status', orders, { group: ['status'] });
    expect(render(orderParts(order, postgres), postgres).text).toBe('SUM("total") DESC, COUNT(*) ASC, "status" ASC');
  });

  it.each([
    ['salary', {}, 'FIELD_UNKNOWN', "Invalid field 'salary' in order by clause."],
    ['SUM(total) desc', {}, 'FIELD_UNKNOWN', "Invalid field 'SUM(total)' in order by clause."],
    ['id; DROP TABLE orders', {}, 'REQUEST_INVALID', 'Invalid order by clause in request.'],
    ['id;', {}, 'FIELD_UNKNOWN', "Invalid field 'id;' in order by clause."],
    ['id DESC; DROP TABLE orders', {}, 'REQUEST_INVALID', 'Invalid order by clause in request.'],
    ['id sideways', {}, 'REQUEST_INVALID', 'Invalid order by clause in request.'],
    ['id ASC NULLS', {}, 'REQUEST_INVALID', 'Invalid order by clause in request.'],
    ['id, status, pg_sleep(5)', {}, 'FIELD_UNKNOWN', "Invalid field 'pg_sleep(5)' in order by clause."],
    ['region', { group: ['status'] }, 'REQUEST_INVALID', "Field 'region' must appear in group or be aggregated."],
  ])('rejects %j (%j)', (text, options, reason, message) => {
    expect(failure(() => parseOrder(text, orders, options))).toEqual({ reason, message });
  });
});
