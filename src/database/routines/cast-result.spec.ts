import type { SimpleType } from '../schema-cache/schema.types';
import { castResult } from './cast-result';
import { simpleTypeOf } from './db-type';

describe('castResult', () => {
  it.each<[SimpleType, unknown, unknown]>([
    ['integer', '42', 42],
    ['integer', 42, 42],
    ['bigint', '9007199254740993', '9007199254740993'],
    ['bigid', 5, '5'],
    ['decimal', '12.50', 12.5],
    ['decimal', '0.1000000000000000000001', '0.1000000000000000000001'],
    ['double', 'NaN', 'NaN'],
    ['float', Infinity, 'Infinity'],
    ['boolean', 1, true],
    ['boolean', 0, false],
    ['boolean', 't', true],
    ['boolean', 'f', false],
    ['string', 7, '7'],
    ['string', { a: 1 }, '{"a":1}'],
    ['date', new Date(Date.UTC(2024, 1, 29)), '2024-02-29'],
    ['date', '2024-02-29', '2024-02-29'],
    ['timestamp', new Date(Date.UTC(2024, 1, 29, 8, 5, 1)), '2024-02-29 08:05:01'],
    ['timestamptz', new Date(Date.UTC(2024, 1, 29, 8, 5, 1)), '2024-02-29 08:05:01+00:00'],
    ['json', { a: [1] }, '{"a":[1]}'],
    ['json', '{"a":1}', '{"a":1}'],
    ['binary', Buffer.from([1, 2, 3]), 'AQID'],
    ['integer', null, null],
  ])('casts to %s: %p → %p', (type, value, expected) => {
    expect(castResult(type, value)).toEqual(expected);
  });
});

describe('simpleTypeOf', () => {
  it.each<[string, SimpleType]>([
    ['tinyint(1)', 'boolean'],
    ['tinyint(4)', 'integer'],
    ['boolean', 'boolean'],
    ['int(10) unsigned', 'integer'],
    ['integer', 'integer'],
    ['bigint', 'bigint'],
    ['numeric', 'decimal'],
    ['decimal(10,2)', 'decimal'],
    ['double precision', 'double'],
    ['float(53)', 'double'],
    ['real', 'float'],
    ['timestamp with time zone', 'timestamptz'],
    ['timestamp without time zone', 'timestamp'],
    ['datetime', 'datetime'],
    ['date', 'date'],
    ['time without time zone', 'time'],
    ['time with time zone', 'timetz'],
    ['bytea', 'binary'],
    ['varbinary(16)', 'binary'],
    ['longblob', 'binary'],
    ['jsonb', 'jsonb'],
    ['uuid', 'uuid'],
    ['mediumtext', 'text'],
    ['character varying', 'string'],
    ['text[]', 'string'],
    ['USER-DEFINED', 'string'],
  ])('maps %s to %s', (declared, type) => {
    expect(simpleTypeOf(declared)).toBe(type);
  });
});
