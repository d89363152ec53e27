import { writeExpression } from './expression';

describe('writeExpression', () => {
  it.each([
    [{ expression: 'NOW()' }, 'NOW'], [{ expression: 'now( )' }, 'NOW'], [{ expression: 'current_date' }, 'CURRENT_DATE'],
    [{ expression: 'CURRENT_TIME' }, 'CURRENT_TIME'], [{ expression: ' Current_Timestamp ' }, 'CURRENT_TIMESTAMP'],
  ])('allows %p', (value, fn) => {
    expect(writeExpression(value)).toEqual({ kind: 'function', fn });
  });

  it.each([
    [{ expression: 'version()' }, "SQL expression 'version()' is not permitted."],
    [{ expression: "NOW()); DROP TABLE x; --" }, "SQL expression 'NOW()); DROP TABLE x; --' is not permitted."],
    [{ expression: 5 }, "SQL expression '5' is not permitted."],
  ])('refuses %p', (value, message) => {
    expect(writeExpression(value)).toEqual({ kind: 'invalid', message });
  });

  it.each([['text'], [null], [[1]], [{ expression: 'NOW()', other: 1 }], [{ a: 1 }]])('leaves %p to coerceInput', (value) => {
    expect(writeExpression(value)).toEqual({ kind: 'none' });
  });
});
