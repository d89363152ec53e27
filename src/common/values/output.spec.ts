import { JsonNumber } from './json-number';
import { stringifyJson } from './json-text';
import { createRowMapper, outputValue } from './output';
import type { TypeFamily } from './type-families';

describe('outputValue', () => {
  it.each<[TypeFamily, unknown, string]>([
    ['integer', 42, '42'], ['integer', '42', '42'], ['integer', '9007199254740993', '9007199254740993'], ['integer', 10n, '10'],
    ['integer', '1.5', '1.5'], ['integer', '"abc"', '"abc"'],
    ['bigid', 7, '"7"'], ['bigid', '9007199254740993', '"9007199254740993"'],
    ['boolean', true, 'true'], ['boolean', 1, 'true'], ['boolean', 0, 'false'], ['boolean', 't', 'true'], ['boolean', Buffer.from([1]), 'true'],
    ['float', '1e-07', '1e-07'], ['float', 1.5, '1.5'], ['float', 'NaN', '"NaN"'], ['float', '-Infinity', '"-Infinity"'],
    ['decimal', '12.50', '12.50'], ['decimal', '-0.0001', '-0.0001'],
    ['string', 'a"b', '"a\\"b"'], ['json', '{"a": 1}', '"{\\"a\\": 1}"'], ['date', '2024-02-29', '"2024-02-29"'],
    ['binary', Buffer.from([0, 255, 16]), '"AP8Q"'], ['binary', 'AP8Q', '"AP8Q"'], ['string', Buffer.from('é'), '"é"'],
    ['integer', null, 'null'], ['string', undefined, 'null'],
  ])('%s %p → %s', (family, raw, json) => {
    expect(stringifyJson(outputValue(family, raw))).toBe(json);
  });
});

describe('createRowMapper', () => {
  it('maps aliases to keys in field order, typing each value', () => {
    const map = createRowMapper([{ key: 'total', alias: 'c1', family: 'decimal' }, { key: 'id', alias: 'c0', family: 'integer' }]);
    expect(stringifyJson(map({ c0: 3, c1: '12.50' }))).toBe('{"total":12.50,"id":3}');
  });

  it('keeps a column called __proto__ as a plain key', () => {
    const record = createRowMapper([{ key: '__proto__', alias: 'c0', family: 'string' }])({ c0: 'x' });
    expect(Object.keys(record)).toEqual(['__proto__']);
    expect(stringifyJson(record)).toBe('{"__proto__":"x"}');
  });
});

describe('stringifyJson', () => {
  it('matches JSON.stringify for plain values', () => {
    const value = { a: [1, 'x', null, true, { b: 'é\n' }], c: 1.5, d: undefined, e: new Date(0) };
    expect(stringifyJson(value)).toBe(JSON.stringify(value));
  });

  it('writes JsonNumber and bigint digits raw', () => {
    expect(stringifyJson([new JsonNumber('12.50'), 12345678901234567890n, Number.NaN])).toBe('[12.50,12345678901234567890,null]');
  });

  it('lets plain JSON.stringify degrade a JsonNumber to a number', () => {
    expect(JSON.stringify({ n: new JsonNumber('12.50') })).toBe('{"n":12.5}');
  });
});
