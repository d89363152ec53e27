import { AppError } from '../../../common/errors';
import { DIALECTS, type DialectName } from '../../dialect';
import { render } from '../../sql/parts';
import { columnDefinition } from './create-table';
import { parseField } from './field-spec';
import { quoteText, sqlLiteral } from './literals';
import { checkNewName } from './names';

const definition = (name: string, input: Record<string, unknown>, engine: DialectName): string =>
  render(columnDefinition(parseField(name, input, engine), engine, { primaryKey: false }), DIALECTS[engine]).text;

function rejection(run: () => unknown): { reason: string; message: string; context: unknown } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { reason: error.reason, message: error.message, context: error.context };
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('checkNewName (API.md 3.13)', () => {
  it.each(['todo', '_x', 'A1_b', 'a'.repeat(63)])('accepts %s', (name) => {
    expect(checkNewName('table', name)).toBe(name);
  });

  it.each([
    ['a"; DROP TABLE x; --'], ['1abc'], ['with space'], ['dash-ed'], ['a'.repeat(64)], ['ünïcode'], ['x\u0000y'], [''], [null], [42],
  ])('refuses %p with VALUE_INVALID naming it', (name) => {
    const error = rejection(() => checkNewName('field', name));
    expect(error.reason).toBe('VALUE_INVALID');
    expect(error.message).toMatch(name === '' || name === null ? /A field name is required/ : /^Invalid field name '/);
    expect(error.message).not.toContain('\u0000');
  });
});

describe('parseField', () => {
  it.each([
    ['an unknown type', { type: 'varchar2' }, 'VALUE_INVALID', "Invalid type 'varchar2' for field 'f'."],
    ['a type that cannot be created', { type: 'array' }, 'VALUE_INVALID', "Type 'array' of field 'f' cannot be created."],
    ['no type', { length: 3 }, 'VALUE_INVALID', "Field 'f' needs a type."],
    ['raw SQL in db_type', { db_type: "varchar(10); DROP TABLE x" }, 'VALUE_INVALID', "Invalid db_type 'varchar(10); DROP TABLE x' for field 'f'."],
    ['constraint words in a raw type', { type: 'int not null default 1' }, 'VALUE_INVALID', "Invalid db_type 'int not null default 1' for field 'f'."],
    ['a column sql', { type: 'integer', sql: 'int' }, 'FEATURE_UNSUPPORTED', 'Raw SQL column definitions are not supported.'],
    ['db_function', { type: 'integer', db_function: [{ function: 'x' }] }, 'FEATURE_UNSUPPORTED', "Database functions on fields are not supported (field 'f')."],
    ['a virtual field', { type: 'integer', is_virtual: true }, 'FEATURE_UNSUPPORTED', "Virtual fields are not supported (field 'f')."],
    ['a rename', { type: 'integer', new_name: 'g' }, 'FEATURE_UNSUPPORTED', 'Renaming tables or fields is not supported.'],
    ['a default of the wrong type', { type: 'integer', default: 'abc' }, 'VALUE_INVALID', "Default of field 'f' must be a valid integer."],
    ['a default too long', { type: 'string', length: 2, default: 'abc' }, 'VALUE_INVALID', "Default of field 'f' value is too long (max 2)."],
    ['an SQL expression default', { type: 'date', default: { expression: 'now(); drop table x' } }, 'VALUE_INVALID', "Field 'f': SQL expression 'now(); drop table x' is not permitted."],
    ['a reference without table', { type: 'reference' }, 'VALUE_INVALID', "Field 'f' of type reference needs a ref_table."],
    ['an unknown referential action', { type: 'integer', ref_table: 'x', ref_on_delete: 'EXPLODE' }, 'VALUE_INVALID', "Property 'ref_on_delete' of 'f' must be one of NO ACTION, RESTRICT, CASCADE, SET NULL, SET DEFAULT."],
    ['a negative length', { type: 'string', length: -1 }, 'VALUE_INVALID', "Property 'length' of 'f' must be an integer from 1 to 65535."],
    ['scale above precision', { type: 'decimal', precision: 4, scale: 6 }, 'VALUE_INVALID', "Scale of field 'f' cannot exceed its precision."],
    ['auto_increment on text', { type: 'string', auto_increment: true }, 'VALUE_INVALID', "Field 'f' can be auto_increment only with an integer type."],
    ['a non-boolean flag', { type: 'integer', allow_null: 'maybe' }, 'VALUE_INVALID', "Property 'allow_null' of 'f' must be a boolean."],
  ])('refuses %s', (_title, input, reason, message) => {
    const error = rejection(() => parseField('f', input, 'postgres'));
    expect(error).toMatchObject({ reason, message });
    if (reason === 'VALUE_INVALID') expect(error.context).toEqual({ f: [message] });
  });

  it('reads a raw type within the pattern and types it by discovery', () => {
    expect(parseField('f', { db_type: 'double  precision' }, 'postgres')).toMatchObject({ type: 'double', rawType: 'double precision' });
    expect(parseField('f', { type: 'int unsigned' }, 'mysql')).toMatchObject({ type: 'integer', rawType: 'int unsigned' });
  });

  it('makes id types auto-increment keys and auto_increment integers ids', () => {
    expect(parseField('id', { type: 'id', allow_null: true }, 'postgres')).toMatchObject({ isPrimaryKey: true, autoIncrement: true, allowNull: false });
    expect(parseField('n', { type: 'bigint', auto_increment: true }, 'mysql')).toMatchObject({ type: 'bigid', isPrimaryKey: true });
  });

  it.each([
    ['postgres', { type: 'boolean', default: 'yes' }, '"f" boolean NOT NULL DEFAULT TRUE'],
    ['mysql', { type: 'boolean', default: true }, '`f` tinyint(1) NOT NULL DEFAULT 1'],
    ['sqlite', { type: 'decimal', precision: 6, scale: 2, default: '12.50', allow_null: true }, '"f" NUMERIC(6,2) NULL DEFAULT 12.50'],
    ['postgres', { type: 'double', default: -1.5e-7 }, '"f" double precision NOT NULL DEFAULT -1.5e-7'],
    ['postgres', { type: 'date', default: { expression: 'current_date' } }, '"f" date NOT NULL DEFAULT CURRENT_DATE'],
    ['mysql', { type: 'date', default: { expression: 'CURRENT_DATE' } }, '`f` date NOT NULL DEFAULT (CURRENT_DATE)'],
    ['sqlite', { type: 'datetime', default: { expression: 'NOW()' } }, '"f" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP'],
    ['postgres', { type: 'datetime', default: '2024-05-01T10:00:00Z' }, `"f" timestamp NOT NULL DEFAULT '2024-05-01 10:00:00'`],
    ['mysql', { type: 'json', allow_null: true, default: { a: "b'c" } }, `\`f\` json NULL DEFAULT '{"a":"b''c"}'`],
    ['postgres', { type: 'binary', allow_null: true, default: 'AAEC' }, `"f" bytea NULL DEFAULT decode('000102', 'hex')`],
    ['sqlite', { type: 'binary', allow_null: true, default: 'AAEC' }, `"f" BLOB NULL DEFAULT X'000102'`],
    ['postgres', { type: 'string', allow_null: true, default: null }, '"f" varchar(255) NULL DEFAULT NULL'],
    ['postgres', { type: 'timestamp_on_create', default: '2020-01-01' }, '"f" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP'],
  ] as const)('writes a typed default on %s: %p', (engine, input, expected) => {
    expect(definition('f', input, engine)).toBe(expected);
  });
});

describe('literals', () => {
  it.each([
    ["it's", 'postgres', "'it''s'"],
    ['back\\slash', 'postgres', "E'back\\\\slash'"],
    ["x\\'; DROP", 'mysql', "'x\\\\''; DROP'"],
    ['x\\y', 'sqlite', "'x\\y'"],
  ] as const)('quotes %p on %s', (text, engine, expected) => {
    expect(quoteText(text, engine)).toBe(expected);
  });

  it.each([
    ['1; DROP TABLE x', 'integer'], ['1e400', 'decimal'], [Number.NaN, 'float'],
  ] as const)('refuses %p as a %s literal', (value, type) => {
    expect(() => sqlLiteral(value, type, 'postgres')).toThrow(AppError);
  });
});
