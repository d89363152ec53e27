import { mysql, postgres, sqlite } from '../../database/dialect';
import type { ColumnSchema, SimpleType } from '../../database/schema-cache/schema.types';
import { makeColumn } from '../../../test/database/column.factory';
import { coerceInput } from './coerce';

const col = (type: SimpleType, dbType: string): ColumnSchema => makeColumn({ name: 'f', type, dbType });

const accepts = (type: SimpleType, dbType: string, input: unknown, expected: unknown, dialect = postgres) =>
  expect(coerceInput(col(type, dbType), input, dialect)).toEqual({ ok: true, value: expected });
const rejects = (type: SimpleType, dbType: string, input: unknown, message: string, dialect = postgres) =>
  expect(coerceInput(col(type, dbType), input, dialect)).toEqual({ ok: false, message });

describe('coerceInput', () => {
  describe('integers', () => {
    it.each([
      ['integer', 'integer', 31, 31],
      ['integer', 'integer', '31', 31],
      ['integer', 'integer', ' -7 ', -7],
      ['integer', 'integer', '+5', 5],
      ['integer', 'integer', 3.0, 3],
      ['integer', 'integer', '2147483647', 2147483647],
      ['tinyint', 'tinyint unsigned', '255', 255],
      ['smallint', 'smallint', -32768, -32768],
      ['bigint', 'bigint', '9007199254740993', '9007199254740993'],
      ['bigint', 'bigint', '-9223372036854775808', '-9223372036854775808'],
      ['bigid', 'bigint', '42', 42],
      ['reference', 'int', 7, 7],
    ] as const)('%s (%s) accepts %p as %p', (type, dbType, input, expected) => accepts(type, dbType, input, expected));

    it.each([
      ['integer', 'integer', 'old'],
      ['integer', 'integer', '1.5'],
      ['integer', 'integer', 1.5],
      ['integer', 'integer', '1e3'],
      ['integer', 'integer', ''],
      ['integer', 'integer', true],
      ['integer', 'integer', '2147483648'],
      ['integer', 'int unsigned', '-1'],
      ['tinyint', 'tinyint', '128'],
      ['smallint', 'int2', 40000],
      ['mediumint', 'mediumint', '8388608'],
      ['bigint', 'bigint', '9223372036854775808'],
    ] as const)('%s (%s) rejects %p', (type, dbType, input) => rejects(type, dbType, input, "Field 'f' must be a valid integer."));

    it('uses the 64-bit range for every integer column on SQLite', () => {
      accepts('integer', 'int', '9223372036854775807', '9223372036854775807', sqlite);
    });
  });

  describe('booleans', () => {
    it.each([
      [true, true, 1], [false, false, 0], [1, true, 1], [0, false, 0], ['YES', true, 1], ['n', false, 0],
      ['On', true, 1], ['off', false, 0], ['t', true, 1], ['F', false, 0], [' true ', true, 1],
    ] as const)('%p → %p on postgres, %p on mysql and sqlite', (input, pg, other) => {
      accepts('boolean', 'boolean', input, pg, postgres);
      accepts('boolean', 'tinyint(1)', input, other, mysql);
      accepts('boolean', 'boolean', input, other, sqlite);
    });

    it.each([['maybe'], [2], ['']])('rejects %p', (input) => rejects('boolean', 'boolean', input, "Field 'f' must be a valid boolean."));
  });

  describe('numbers', () => {
    it.each([
      ['float', 1.5, 1.5], ['double', '2.25', 2.25], ['double', '-1e-3', -0.001], ['float', 7, 7],
      ['decimal', '12.50', '12.50'], ['decimal', 12.5, '12.5'], ['money', '1.5e3', '1500'],
      ['decimal', '-0.000123', '-0.000123'], ['decimal', '1.23E-2', '0.0123'], ['decimal', '.5', '0.5'],
      ['decimal', '007.10', '7.10'], ['decimal', '99999999999999999999.99', '99999999999999999999.99'],
    ] as const)('%s accepts %p as %p', (type, input, expected) => accepts(type, type, input, expected));

    it.each([
      ['float', 'abc'], ['double', 'Infinity'], ['double', 'NaN'], ['float', '1e999'], ['decimal', '1.2.3'],
      ['decimal', '.'], ['money', '12,50'], ['decimal', true], ['decimal', ''],
    ] as const)('%s rejects %p', (type, input) => rejects(type, type, input, "Field 'f' must be a valid number."));
  });

  describe('strings', () => {
    it.each([
      ['plain', 'plain'], [42, '42'], [1.5, '1.5'], [true, 'true'], [false, 'false'], ['', ''],
    ] as const)('accepts %p as %p', (input, expected) => accepts('string', 'varchar(255)', input, expected));

    it('refuses text longer than the column, counting characters', () => {
      const c = makeColumn({ name: 'email', type: 'string', length: 5 });
      expect(coerceInput(c, 'abcdef', postgres)).toEqual({ ok: false, message: "Field 'email' value is too long (max 5)." });
      expect(coerceInput(c, 'ééééé', postgres)).toEqual({ ok: true, value: 'ééééé' });
      expect(coerceInput(c, '😀😀😀😀😀', postgres)).toEqual({ ok: true, value: '😀😀😀😀😀' });
    });

    it.each([['string'], ['text'], ['integer'], ['date']] as const)('refuses a NUL character for %s', (type) =>
      rejects(type, type, 'a\u0000b', "Field 'f' must not contain a NUL character."));

    it.each([[{ a: 1 }], [[1, 2]]])('refuses %p for a non-JSON column', (input) =>
      rejects('string', 'text', input, "Field 'f' must be a scalar value."));
  });

  describe('nulls', () => {
    it('accepts null and undefined for a nullable column', () => {
      accepts('integer', 'integer', null, null);
      accepts('integer', 'integer', undefined, null);
    });

    it('refuses null for a NOT NULL column', () => {
      const c = makeColumn({ name: 'first_name', type: 'string', allowNull: false });
      expect(coerceInput(c, null, postgres)).toEqual({ ok: false, message: "Field 'first_name' can not be NULL." });
    });
  });

  describe('date and time', () => {
    it.each([
      ['date', '2024-02-29', '2024-02-29'],
      ['date', '2024-02-29T00:00:00Z', '2024-02-29'],
      ['date', '2024-02-29 00:00:00.000', '2024-02-29'],
      ['time', '10:15', '10:15:00'],
      ['time', 'T10:15:30.250', '10:15:30.25'],
      ['time', '01:00:00+02:00', '23:00:00'],
      ['time', '10:15:00Z', '10:15:00'],
      ['timetz', '10:15:00+05:30', '10:15:00+05:30'],
      ['timetz', '10:15', '10:15:00+00:00'],
      ['datetime', '2026-11-02 10:15:00', '2026-11-02 10:15:00'],
      ['datetime', '2026-11-02T10:15:00Z', '2026-11-02 10:15:00'],
      ['timestamp', '2026-11-02T10:15:00.120000+02:00', '2026-11-02 08:15:00.12'],
      ['timestamp', '2026-01-01T01:00:00+03:00', '2025-12-31 22:00:00'],
      ['timestamp', '2026-11-02T10:15:00-0130', '2026-11-02 11:45:00'],
      ['datetime', '2026-11-02', '2026-11-02 00:00:00'],
      ['datetime', '2026-11-02T10:15', '2026-11-02 10:15:00'],
      ['timestamp_on_create', '2026-11-02 10:15:00.000001', '2026-11-02 10:15:00.000001'],
      ['timestamptz', '2026-11-02T10:15:00+01:00', '2026-11-02 09:15:00+00:00'],
      ['datetimetz', '2026-11-02 10:15:00', '2026-11-02 10:15:00+00:00'],
      ['datetime', '0099-03-01 00:00:00', '0099-03-01 00:00:00'],
    ] as const)('%s accepts %p as %p', (type, input, expected) => accepts(type, type, input, expected));

    it.each([
      ['date', '2023-02-29'], ['date', '2024-13-01'], ['date', '2024-01-02T10:00:00'], ['date', '02/01/2024'],
      ['time', '24:00:00'], ['time', '10:60'], ['time', 'noon'], ['datetime', '2024-01-02 25:00:00'],
      ['datetime', 'yesterday'], ['timestamp', 1700000000], ['datetime', '2024-01-02T10:00:00+25:00'], ['date', ''],
    ] as const)('%s rejects %p', (type, input) => rejects(type, type, input, "Field 'f' must be a valid date/time."));
  });

  describe('json, binary, uuid', () => {
    it.each([
      [{ a: [1, 'x'] }, '{"a":[1,"x"]}'], [[1, 2], '[1,2]'], ['{"a":1}', '{"a":1}'], ['"text"', '"text"'], [5, '5'], [true, 'true'],
    ] as const)('json accepts %p as %p', (input, expected) => accepts('json', 'json', input, expected));

    it('json refuses text that does not parse', () => rejects('jsonb', 'jsonb', '{a:1}', "Field 'f' must be valid JSON."));

    it.each([['AAEC/w==', [0, 1, 2, 255]], ['AAEC/w', [0, 1, 2, 255]], ['', []], ['aGk=\n', [104, 105]]] as const)(
      'binary accepts base64 %p', (input, bytes) => accepts('binary', 'bytea', input, Buffer.from(bytes)));

    it.each([['not base64!'], ['A'], ['AAE=AA=='], [12]])('binary refuses %p', (input) =>
      rejects('binary', 'bytea', input, "Field 'f' must be valid base64."));

    it('uuid accepts the canonical form in any case and returns it lower-cased', () =>
      accepts('uuid', 'uuid', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'));

    it.each([['a0eebc999c0b4ef8bb6d6bb9bd380a11'], ['{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'], [7]])('uuid refuses %p', (input) =>
      rejects('timeuuid', 'uuid', input, "Field 'f' must be a valid UUID."));
  });
});
