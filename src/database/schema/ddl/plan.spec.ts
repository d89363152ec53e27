import { AppError } from '../../../common/errors';
import { DIALECTS, type DialectName } from '../../dialect';
import type { ColumnSchema, TableSchema } from '../../schema-cache/schema.types';
import { render } from '../../sql/parts';
import { planDropField, planField, planNewTable, planTableChanges, type PlanContext } from './plan';

const column = (name: string, overrides: Partial<ColumnSchema>): ColumnSchema => ({
  name, type: 'integer', dbType: 'integer', length: null, precision: null, scale: null, allowNull: false, default: null,
  autoIncrement: false, isPrimaryKey: false, isUnique: false, isIndex: false, isForeignKey: false,
  refTable: null, refField: null, refOnUpdate: null, refOnDelete: null, ...overrides,
});

const contact: TableSchema = {
  name: 'contact', isView: false, primaryKey: ['id'], foreignKeys: [], uniques: [], version: 1,
  columns: [column('id', { type: 'id', autoIncrement: true, isPrimaryKey: true, isUnique: true, isIndex: true })],
};

function todo(dbTypes: { title: string; done: string }): TableSchema {
  return {
    name: 'todo', isView: false, primaryKey: ['id'], version: 1,
    uniques: [{ name: 'undx_todo_title', columns: ['title'] }],
    foreignKeys: [{ name: 'fk_todo_contact_id', columns: ['contact_id'], refTable: 'contact', refColumns: ['id'], onUpdate: 'NO ACTION', onDelete: 'CASCADE' }],
    columns: [
      column('id', { type: 'id', autoIncrement: true, isPrimaryKey: true, isUnique: true, isIndex: true }),
      column('title', { type: 'string', dbType: dbTypes.title, length: 120, isUnique: true, isIndex: true }),
      column('done', { type: 'boolean', dbType: dbTypes.done, default: false }),
      column('contact_id', { type: 'reference', allowNull: true, isIndex: true, isForeignKey: true, refTable: 'contact', refField: 'id', refOnUpdate: 'NO ACTION', refOnDelete: 'CASCADE' }),
    ],
  };
}

const TODO: Readonly<Record<DialectName, TableSchema>> = {
  postgres: todo({ title: 'character varying(120)', done: 'boolean' }),
  mysql: todo({ title: 'varchar(120)', done: 'tinyint(1)' }),
  sqlite: todo({ title: 'varchar(120)', done: 'boolean' }),
};

const context = (engine: DialectName): PlanContext => ({
  engine, tables: [contact, TODO[engine]], typeOf: (_t, c) => c.type, indexesOf: () => ['ndx_todo_title_done'],
});

const texts = (engine: DialectName, statements: readonly (readonly Parameters<typeof render>[0][number][])[]): string[] =>
  statements.map((s) => render(s, DIALECTS[engine]).text);

const field = (engine: DialectName, input: Record<string, unknown>) => planField(TODO[engine], input, context(engine));

describe('planField: adding a column', () => {
  it.each([
    ['postgres', { name: 'due', type: 'date', allow_null: true }, ['ALTER TABLE "todo" ADD COLUMN "due" date NULL']],
    ['mysql', { name: 'owner', type: 'reference', allow_null: true, ref_table: 'Contact', is_unique: true }, [
      'ALTER TABLE `todo` ADD COLUMN `owner` int NULL, ADD UNIQUE KEY `undx_todo_owner` (`owner`), '
        + 'ADD CONSTRAINT `fk_todo_owner` FOREIGN KEY (`owner`) REFERENCES `contact` (`id`)',
    ]],
    ['postgres', { name: 'owner', type: 'reference', allow_null: true, ref_table: 'contact', ref_on_delete: 'set null' }, [
      'ALTER TABLE "todo" ADD COLUMN "owner" integer NULL',
      'ALTER TABLE "todo" ADD CONSTRAINT "fk_todo_owner" FOREIGN KEY ("owner") REFERENCES "contact" ("id") ON DELETE SET NULL',
      'CREATE INDEX "ndx_todo_owner" ON "todo" ("owner")',
    ]],
    ['sqlite', { name: 'owner', type: 'reference', allow_null: true, ref_table: 'contact', is_index: true }, [
      'ALTER TABLE "todo" ADD COLUMN "owner" INTEGER NULL REFERENCES "contact" ("id")',
      'CREATE INDEX "ndx_todo_owner" ON "todo" ("owner")',
    ]],
    ['sqlite', { name: 'stamp', type: 'timestamp_on_update', allow_null: true }, ['ALTER TABLE "todo" ADD COLUMN "stamp" TIMESTAMP NULL']],
  ] as const)('on %s: %p', (engine, input, expected) => {
    const plan = field(engine, input);
    expect(plan).toMatchObject({ action: 'create', name: input.name, type: input.type });
    expect(texts(engine, plan.statements)).toEqual(expected);
  });

  it.each([
    ['a missing ref_table', 'postgres', { name: 'x', type: 'reference', ref_table: 'nope' }, 'VALUE_INVALID', "Field 'x' references table 'nope', which does not exist."],
    ['a missing ref_field', 'postgres', { name: 'x', type: 'integer', ref_table: 'contact', ref_field: 'nope' }, 'VALUE_INVALID', "Field 'x' references field 'nope', which table 'contact' does not have."],
    ['a second primary key', 'mysql', { name: 'x', type: 'id' }, 'VALUE_INVALID', "Table 'todo' already has a primary key."],
    ['a hostile name', 'mysql', { name: 'x`; DROP TABLE todo; --', type: 'integer' }, 'VALUE_INVALID', /^Invalid field name 'x`; DROP TABLE todo; --'/],
    ['NOT NULL without default on SQLite', 'sqlite', { name: 'x', type: 'integer' }, 'VALUE_INVALID', "Field 'x' needs a default or allow_null to be added to an existing table."],
    ['a function default on SQLite', 'sqlite', { name: 'x', type: 'date', allow_null: true, default: { expression: 'CURRENT_DATE' } }, 'FEATURE_UNSUPPORTED',
      "SQLite cannot add field 'x' with a non-constant default to an existing table."],
  ] as const)('refuses %s', (_title, engine, input, reason, message) => {
    let error: unknown;
    try {
      field(engine, input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).reason).toBe(reason);
    expect((error as AppError).message).toMatch(message);
  });
});

describe('planField: altering a column', () => {
  it.each([
    ['postgres', { name: 'TITLE', length: 200, allow_null: true }, [
      'ALTER TABLE "todo" ALTER COLUMN "title" TYPE varchar(200) USING "title"::varchar(200)',
      'ALTER TABLE "todo" ALTER COLUMN "title" DROP NOT NULL',
    ]],
    ['mysql', { name: 'title', length: 200 }, ['ALTER TABLE `todo` MODIFY COLUMN `title` varchar(200) NOT NULL']],
    ['mysql', { name: 'done', default: true }, ['ALTER TABLE `todo` MODIFY COLUMN `done` tinyint(1) NOT NULL DEFAULT 1']],
    ['postgres', { name: 'done', default: null }, ['ALTER TABLE "todo" ALTER COLUMN "done" DROP DEFAULT']],
    ['postgres', { name: 'title', is_unique: false, is_index: true }, [
      'ALTER TABLE "todo" DROP CONSTRAINT IF EXISTS "undx_todo_title"', 'DROP INDEX IF EXISTS "undx_todo_title"', 'CREATE INDEX "ndx_todo_title" ON "todo" ("title")',
    ]],
    ['sqlite', { name: 'title', is_unique: false }, ['DROP INDEX "undx_todo_title"']],
    ['sqlite', { name: 'done', is_index: true }, ['CREATE INDEX "ndx_todo_done" ON "todo" ("done")']],
    ['postgres', { name: 'contact_id', ref_table: null }, ['ALTER TABLE "todo" DROP CONSTRAINT "fk_todo_contact_id"']],
    ['mysql', { name: 'contact_id', ref_on_delete: 'RESTRICT' }, [
      'ALTER TABLE `todo` DROP FOREIGN KEY `fk_todo_contact_id`',
      'ALTER TABLE `todo` ADD CONSTRAINT `fk_todo_contact_id` FOREIGN KEY (`contact_id`) REFERENCES `contact` (`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    ]],
    ['postgres', { name: 'id', type: 'bigid' }, ['ALTER TABLE "todo" ALTER COLUMN "id" TYPE bigint USING "id"::bigint']],
    ['sqlite', { name: 'title', label: 'The title', type: 'string' }, []],
  ] as const)('on %s: %p', (engine, input, expected) => {
    const plan = field(engine, input);
    expect(plan.action).toBe('alter');
    expect(texts(engine, plan.statements)).toEqual(expected);
  });

  it('remembers the asked type and keeps the current one otherwise', () => {
    expect(field('postgres', { name: 'contact_id', type: 'user_id_on_create' }).type).toBe('user_id_on_create');
    expect(field('postgres', { name: 'title', label: 'T' })).toMatchObject({ type: 'string', extras: { label: 'T' } });
  });

  it.each([
    ['a type', { name: 'title', type: 'integer' }], ['nullability', { name: 'done', allow_null: true }], ['a default', { name: 'done', default: true }],
    ['a reference', { name: 'contact_id', ref_on_delete: 'RESTRICT' }],
  ])('refuses to change %s on SQLite', (_title, input) => {
    expect(() => field('sqlite', input)).toThrow("SQLite cannot alter column '");
  });

  it('refuses primary-key changes', () => {
    expect(() => field('postgres', { name: 'title', is_primary_key: true })).toThrow("Changing the primary key or auto-increment of field 'title' is not supported.");
  });
});

describe('planTableChanges and planDropField', () => {
  it('drops unlisted columns first on replace, then adds and alters', () => {
    const plan = planTableChanges(TODO.postgres, { label: 'Todos', field: [{ name: 'id', type: 'id' }, { name: 'title', type: 'string', length: 120 }, { name: 'due', type: 'date', allow_null: true }] }, context('postgres'), true);
    expect(plan.fields.map((f) => `${f.action} ${f.name}`)).toEqual(['drop done', 'drop contact_id', 'alter id', 'alter title', 'create due']);
    expect(texts('postgres', plan.statements)).toEqual([
      'ALTER TABLE "todo" DROP COLUMN "done"', 'ALTER TABLE "todo" DROP COLUMN "contact_id"', 'ALTER TABLE "todo" ADD COLUMN "due" date NULL',
    ]);
    expect(plan.extras).toEqual({ label: 'Todos' });
  });

  it('keeps unlisted columns on merge', () => {
    const plan = planTableChanges(TODO.mysql, { field: [{ name: 'due', type: 'date', allow_null: true }] }, context('mysql'), false);
    expect(plan.fields.map((f) => `${f.action} ${f.name}`)).toEqual(['create due']);
  });

  it.each([
    ['mysql', ['ALTER TABLE `todo` DROP FOREIGN KEY `fk_todo_contact_id`', 'ALTER TABLE `todo` DROP COLUMN `contact_id`']],
    ['sqlite', ['DROP INDEX IF EXISTS "ndx_todo_title_done"', 'ALTER TABLE "todo" DROP COLUMN "contact_id"']],
  ] as const)('drops a column on %s', (engine, expected) => {
    expect(texts(engine, planDropField(TODO[engine], 'CONTACT_ID', context(engine)).statements)).toEqual(expected);
  });

  it('refuses to drop a column another table references', () => {
    expect(() => planDropField(contact, 'id', context('sqlite'))).toThrow("Field 'id' of table 'contact' is still referenced by table 'todo'.");
  });

  it('answers FIELD_NOT_FOUND for an unknown column', () => {
    expect(() => planDropField(TODO.postgres, 'nope', context('postgres'))).toThrow("No requested fields found in table 'todo'.");
  });

  it('resolves a self-reference of a new table to its own key', () => {
    const plan = planNewTable('node', { field: [{ name: 'id', type: 'id' }, { name: 'parent_id', type: 'reference', allow_null: true, ref_table: 'NODE' }] }, context('postgres'));
    expect(texts('postgres', plan.statements)[0]).toContain('CONSTRAINT "fk_node_parent_id" FOREIGN KEY ("parent_id") REFERENCES "node" ("id")');
  });
});
