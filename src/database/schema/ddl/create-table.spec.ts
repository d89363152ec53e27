import { DIALECTS, type DialectName } from '../../dialect';
import { render } from '../../sql/parts';
import { columnType } from './column-type';
import { createTableStatements } from './create-table';
import { parseField, type FieldSpec } from './field-spec';
import { constraintName } from './names';

const sql = (statements: readonly (readonly Parameters<typeof render>[0][number][])[], engine: DialectName): string[] =>
  statements.map((s) => render(s, DIALECTS[engine]).text);

const field = (name: string, input: Record<string, unknown>, engine: DialectName): FieldSpec => parseField(name, input, engine);

describe('columnType (API.md 3.15.3)', () => {
  const facts = (type: string, extra: Record<string, unknown> = {}) => ({ type, length: null, precision: null, scale: null, fixedLength: false, ...extra }) as Parameters<typeof columnType>[0];
  it.each([
    ['string', {}, 'varchar(255)', 'varchar(255)', 'VARCHAR(255)'],
    ['string', { length: 12, fixedLength: true }, 'char(12)', 'char(12)', 'CHAR(12)'],
    ['text', {}, 'text', 'text', 'TEXT'],
    ['mediumtext', {}, 'text', 'mediumtext', 'TEXT'],
    ['integer', {}, 'integer', 'int', 'INTEGER'],
    ['tinyint', {}, 'smallint', 'tinyint', 'TINYINT'],
    ['mediumint', {}, 'integer', 'mediumint', 'MEDIUMINT'],
    ['bigint', {}, 'bigint', 'bigint', 'BIGINT'],
    ['boolean', {}, 'boolean', 'tinyint(1)', 'BOOLEAN'],
    ['float', {}, 'real', 'float', 'REAL'],
    ['double', {}, 'double precision', 'double', 'DOUBLE'],
    ['decimal', {}, 'numeric(10,0)', 'decimal(10,0)', 'NUMERIC(10,0)'],
    ['decimal', { precision: 12, scale: 2 }, 'numeric(12,2)', 'decimal(12,2)', 'NUMERIC(12,2)'],
    ['money', {}, 'numeric(19,4)', 'decimal(19,4)', 'NUMERIC(19,4)'],
    ['date', {}, 'date', 'date', 'DATE'],
    ['time', {}, 'time', 'time', 'TIME'],
    ['timetz', {}, 'time with time zone', 'time', 'TIME'],
    ['datetime', {}, 'timestamp', 'datetime', 'DATETIME'],
    ['datetimetz', {}, 'timestamp with time zone', 'datetime', 'DATETIME'],
    ['timestamp', {}, 'timestamp', 'timestamp', 'TIMESTAMP'],
    ['timestamp_on_update', {}, 'timestamp', 'timestamp', 'TIMESTAMP'],
    ['reference', {}, 'integer', 'int', 'INTEGER'],
    ['user_id_on_create', {}, 'integer', 'int', 'INTEGER'],
    ['binary', {}, 'bytea', 'blob', 'BLOB'],
    ['binary', { length: 16 }, 'bytea', 'varbinary(16)', 'BLOB'],
    ['binary', { length: 16, fixedLength: true }, 'bytea', 'binary(16)', 'BLOB'],
    ['json', {}, 'json', 'json', 'TEXT'],
    ['jsonb', {}, 'jsonb', 'json', 'TEXT'],
    ['uuid', {}, 'uuid', 'char(36)', 'CHAR(36)'],
    ['id', {}, 'serial', 'int', 'INTEGER'],
    ['bigid', {}, 'bigserial', 'bigint', 'INTEGER'],
  ])('%s %p → %s | %s | %s', (type, extra, pg, my, lite) => {
    expect([columnType(facts(type, extra), 'postgres'), columnType(facts(type, extra), 'mysql'), columnType(facts(type, extra), 'sqlite')]).toEqual([pg, my, lite]);
  });
});

describe('createTableStatements', () => {
  const todo = (engine: DialectName): FieldSpec[] => [
    field('id', { type: 'id' }, engine),
    field('title', { type: 'string', length: 120, is_unique: true }, engine),
    field('done', { type: 'boolean', default: false }, engine),
    field('note', { type: 'text', allow_null: true, default: "it's \\ ok" }, engine),
    { ...field('contact_id', { type: 'reference', allow_null: true, ref_table: 'contact', ref_on_delete: 'cascade' }, engine), reference: { table: 'contact', field: 'id', onDelete: 'CASCADE', onUpdate: null } },
    field('created_at', { type: 'timestamp_on_create' }, engine),
    field('updated_at', { type: 'timestamp_on_update' }, engine),
  ];

  it.each([
    ['postgres', [
      'CREATE TABLE "todo" ("id" serial PRIMARY KEY, "title" varchar(120) NOT NULL, "done" boolean NOT NULL DEFAULT FALSE, '
        + `"note" text NULL DEFAULT E'it''s \\\\ ok', "contact_id" integer NULL, "created_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, `
        + '"updated_at" timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, CONSTRAINT "undx_todo_title" UNIQUE ("title"), '
        + 'CONSTRAINT "fk_todo_contact_id" FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE)',
      'CREATE INDEX "ndx_todo_contact_id" ON "todo" ("contact_id")',
    ]],
    ['mysql', [
      'CREATE TABLE `todo` (`id` int NOT NULL AUTO_INCREMENT PRIMARY KEY, `title` varchar(120) NOT NULL, `done` tinyint(1) NOT NULL DEFAULT 0, '
        + "`note` text NULL DEFAULT 'it''s \\\\ ok', `contact_id` int NULL, `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, "
        + '`updated_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, UNIQUE KEY `undx_todo_title` (`title`), '
        + 'KEY `ndx_todo_contact_id` (`contact_id`), CONSTRAINT `fk_todo_contact_id` FOREIGN KEY (`contact_id`) REFERENCES `contact` (`id`) ON DELETE CASCADE)',
    ]],
    ['sqlite', [
      'CREATE TABLE "todo" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "title" VARCHAR(120) NOT NULL, "done" BOOLEAN NOT NULL DEFAULT 0, '
        + `"note" TEXT NULL DEFAULT 'it''s \\ ok', "contact_id" INTEGER NULL, "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, `
        + '"updated_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, '
        + 'CONSTRAINT "fk_todo_contact_id" FOREIGN KEY ("contact_id") REFERENCES "contact" ("id") ON DELETE CASCADE)',
      'CREATE UNIQUE INDEX "undx_todo_title" ON "todo" ("title")',
      'CREATE INDEX "ndx_todo_contact_id" ON "todo" ("contact_id")',
    ]],
  ] as const)('creates the contract example table on %s', (engine, expected) => {
    expect(sql(createTableStatements('todo', todo(engine), engine), engine)).toEqual(expected);
  });

  it.each(['postgres', 'mysql', 'sqlite'] as const)('declares a composite primary key as a table constraint on %s', (engine) => {
    const fields = [field('a', { type: 'integer', is_primary_key: true }, engine), field('b', { type: 'string', length: 8, is_primary_key: true }, engine)];
    const [create] = sql(createTableStatements('pair', fields, engine), engine);
    expect(create).toMatch(/, PRIMARY KEY \(["`]a["`], ["`]b["`]\)\)$/);
    expect(create).not.toMatch(/NOT NULL PRIMARY KEY/);
  });

  it('quotes hostile-looking names that are existing identifiers', () => {
    const [create] = sql(createTableStatements('we"ird', [field('x', { type: 'integer' }, 'postgres')], 'postgres'), 'postgres');
    expect(create).toBe('CREATE TABLE "we""ird" ("x" integer NOT NULL)');
  });

  it.each([
    ['no fields', [], "Table 't' needs at least one field."],
    ['a field twice', [field('a', { type: 'integer' }, 'postgres'), field('A', { type: 'text' }, 'postgres')], "Field 'A' is listed twice."],
    ['an id inside a composite key', [field('id', { type: 'id' }, 'postgres'), field('b', { type: 'integer', is_primary_key: true }, 'postgres')],
      "Table 't' can have an auto-increment field only as its single primary key."],
  ])('refuses %s', (_title, fields, message) => {
    expect(() => createTableStatements('t', fields, 'postgres')).toThrow(message);
  });
});

describe('constraintName', () => {
  it('keeps short names and hashes long ones to at most 63 characters', () => {
    expect(constraintName('undx', 'todo', ['title'])).toBe('undx_todo_title');
    const long = constraintName('fk', 'a'.repeat(60), ['b'.repeat(60)]);
    expect(long).toHaveLength(63);
    expect(long).toMatch(/^fk_a+_[0-9a-f]{8}$/);
    expect(constraintName('fk', 'a'.repeat(60), ['b'.repeat(60)])).toBe(long);
  });
});
