import { mysqlDefault } from './mysql.introspect';
import { postgresDefault } from './postgres.introspect';
import { referentialAction, refineType, simpleTypeOf } from './simple-type';
import { sqliteDefault } from './sqlite.introspect';

describe('simpleTypeOf (API.md 3.15.2)', () => {
  it.each([
    ['boolean', 'postgres', 'boolean'], ['bit(1)', 'mysql', 'boolean'], ['tinyint(1)', 'mysql', 'boolean'], ['tinyint(4)', 'mysql', 'integer'],
    ['numeric(10,2)', 'postgres', 'decimal'], ['decimal(12,4) unsigned', 'mysql', 'decimal'], ['money', 'postgres', 'money'],
    ['double precision', 'postgres', 'double'], ['float8', 'postgres', 'double'], ['real', 'postgres', 'float'], ['float', 'mysql', 'float'],
    ['float(53)', 'mysql', 'double'], ['int(11) unsigned', 'mysql', 'integer'], ['smallint', 'postgres', 'integer'], ['mediumint(9)', 'mysql', 'integer'],
    ['bigint(20) unsigned', 'mysql', 'bigint'], ['int8', 'postgres', 'bigint'],
    ['timestamp with time zone', 'postgres', 'timestamptz'], ['timestamp(3) without time zone', 'postgres', 'timestamp'], ['timestamp', 'mysql', 'timestamp'],
    ['datetime(6)', 'mysql', 'datetime'], ['date', 'sqlite', 'date'], ['time with time zone', 'postgres', 'timetz'], ['time(6)', 'mysql', 'time'],
    ['time without time zone', 'postgres', 'time'], ['bytea', 'postgres', 'binary'], ['varbinary(64)', 'mysql', 'binary'], ['longblob', 'mysql', 'binary'],
    ['json', 'mysql', 'json'], ['jsonb', 'postgres', 'jsonb'], ['uuid', 'postgres', 'uuid'], ['mediumtext', 'mysql', 'text'], ['clob', 'sqlite', 'text'],
    ['character varying(255)', 'postgres', 'string'], ['char(36)', 'mysql', 'string'], ["enum('a','b')", 'mysql', 'string'], ['integer[]', 'postgres', 'string'],
    ['unsigned big int', 'sqlite', 'bigint'], ['int', 'sqlite', 'integer'], ['', 'sqlite', 'string'], ['point', 'postgres', 'string'],
  ] as const)('%s on %s → %s', (dbType, engine, type) => {
    expect(simpleTypeOf(dbType, engine)).toBe(type);
  });
});

describe('refineType', () => {
  const none = { soleKey: false, autoIncrement: false, soleForeignKey: false };
  it.each([
    ['integer', { ...none, soleKey: true, autoIncrement: true }, 'id'],
    ['bigint', { ...none, soleKey: true, autoIncrement: true }, 'bigid'],
    ['integer', { ...none, soleKey: true }, 'integer'],
    ['integer', { ...none, soleForeignKey: true }, 'reference'],
    ['bigint', { ...none, soleForeignKey: true }, 'bigint'],
    ['timestamp', { ...none, mysqlAutoTimestamp: 'create' as const }, 'timestamp_on_create'],
    ['timestamp', { ...none, mysqlAutoTimestamp: 'update' as const }, 'timestamp_on_update'],
  ] as const)('%s with %p → %s', (type, facts, expected) => {
    expect(refineType(type, facts)).toBe(expected);
  });
});

describe('defaults', () => {
  it.each([
    ["'it''s'::text", "it's"], ["'home'::character varying", 'home'], ['(-1)', '-1'], ['true', 'true'], ['NULL::character varying', null],
    ['now()', { expression: 'now()' }], ['CURRENT_TIMESTAMP', { expression: 'CURRENT_TIMESTAMP' }],
    ["'2024-01-01 00:00:00'::timestamp without time zone", '2024-01-01 00:00:00'], ["'{}'::jsonb", '{}'],
  ])('postgres %s', (text, expected) => expect(postgresDefault(text)).toEqual(expected));

  it.each([
    ["'home'", '', 'mariadb', 'home'], ['NULL', '', 'mariadb', null], ['-1', '', 'mariadb', '-1'],
    ['current_timestamp()', 'on update current_timestamp()', 'mariadb', { expression: 'current_timestamp()' }],
    ['home', '', 'mysql', 'home'], ['CURRENT_TIMESTAMP', 'DEFAULT_GENERATED', 'mysql', { expression: 'CURRENT_TIMESTAMP' }], [null, '', 'mysql', null],
  ] as const)('mysql %p (%s, %s)', (value, extra, flavor, expected) => expect(mysqlDefault(value, extra, flavor)).toEqual(expected));

  it.each([
    ["'home'", 'home'], ['0', '0'], ['NULL', null], ['CURRENT_TIMESTAMP', { expression: 'CURRENT_TIMESTAMP' }],
    ["(datetime('now'))", { expression: "(datetime('now'))" }], [null, null],
  ])('sqlite %p', (value, expected) => expect(sqliteDefault(value)).toEqual(expected));

  it.each([['a', 'NO ACTION'], ['c', 'CASCADE'], ['SET_NULL', 'SET NULL'], ['RESTRICT', 'RESTRICT'], ['set default', 'SET DEFAULT'], [null, 'NO ACTION']])(
    'referential action %p → %s', (value, expected) => expect(referentialAction(value)).toBe(expected));
});
