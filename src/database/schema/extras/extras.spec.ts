import type { ColumnSchema, TableSchema } from '../../schema-cache/schema.types';
import { defaultLabel, fieldDescriptor, plural, relationshipDescriptor, tableDescriptor } from '../descriptors/describe';
import { indexExtras } from './extras-settings';
import { automaticColumns, canRemember, effectiveType, EMPTY_FIELD_EXTRAS, readFieldExtras, withEffectiveTypes } from './extras.model';
import { readVirtual } from './virtual-input';

const column = (name: string, overrides: Partial<ColumnSchema> = {}): ColumnSchema => ({
  name, type: 'integer', dbType: 'integer', length: null, precision: null, scale: null, allowNull: true, default: null,
  autoIncrement: false, isPrimaryKey: false, isUnique: false, isIndex: false, isForeignKey: false,
  refTable: null, refField: null, refOnUpdate: null, refOnDelete: null, ...overrides,
});

const table = (name: string, columns: ColumnSchema[]): TableSchema => ({ name, isView: false, columns, primaryKey: ['id'], foreignKeys: [], uniques: [], version: 0 });

describe('labels and plurals (API.md 3.14.1)', () => {
  it.each([['contact_info', 'Contact Info'], ['order_by_contact_id', 'Order By Contact Id'], ['_x__y', 'X Y']])('%s → %s', (name, label) => {
    expect(defaultLabel(name)).toBe(label);
  });

  it.each([['Contact', 'Contacts'], ['Category', 'Categories'], ['Day', 'Days'], ['Box', 'Boxes'], ['Class', 'Classes'], ['Match', 'Matches'], ['Wish', 'Wishes'], ['Contacts', 'Contacts'], ['Status', 'Statuses'], ['Order Line', 'Order Lines']])('%s → %s', (label, expected) => {
    expect(plural(label)).toBe(expected);
  });
});

describe('remembered types', () => {
  it.each([
    ['user_id_on_create', 'integer', true], ['timestamp_on_update', 'timestamp', true], ['datetime', 'timestamp', true],
    ['json', 'text', true], ['uuid', 'string', true], ['smallid', 'id', true],
    ['timetz', 'time', false], ['boolean', 'integer', false], ['integer', 'integer', false], ['json', 'integer', false],
  ] as const)('%s may stand for a discovered %s: %s', (requested, discovered, expected) => {
    expect(canRemember(requested, discovered)).toBe(expected);
  });

  it('applies only while the column keeps the declared type it was remembered with', () => {
    const extras = { ...EMPTY_FIELD_EXTRAS, type: 'json' as const, dbType: 'text' };
    expect(effectiveType(column('doc', { type: 'text', dbType: 'text' }), extras)).toBe('json');
    expect(effectiveType(column('doc', { type: 'string', dbType: 'varchar(10)' }), extras)).toBe('string');
    expect(effectiveType(column('doc', { type: 'text', dbType: 'text' }), undefined)).toBe('text');
  });

  it('lists the automatic columns the records API fills, discovered or remembered', () => {
    const t = table('t', [column('id', { type: 'id' }), column('made', { type: 'timestamp_on_create', dbType: 'timestamp' }), column('by', { dbType: 'integer' })]);
    const fields = new Map([['by', { ...EMPTY_FIELD_EXTRAS, type: 'user_id_on_update' as const, dbType: 'integer' }]]);
    expect([...automaticColumns(withEffectiveTypes(t, fields))]).toEqual([['made', 'timestamp_on_create'], ['by', 'user_id_on_update']]);
    expect(withEffectiveTypes(t, new Map())).toBe(t);
  });
});

describe('stored settings', () => {
  it('indexes rows by kind and reads virtual relationships, ignoring unreadable ones', () => {
    const extras = indexExtras([
      { kind: 'table', tableName: 'todo', itemName: '', settings: '{"label":"Todos","name_field":"title"}' },
      { kind: 'field', tableName: 'todo', itemName: 'doc', settings: '{"type":"json","db_type":"text","picklist":["a"]}' },
      { kind: 'field', tableName: 'todo', itemName: 'bad', settings: 'not json' },
      { kind: 'relationship', tableName: 'todo', itemName: 'contact_by_owner', settings: '{"alias":"owner","always_fetch":true}' },
      { kind: 'relationship', tableName: 'todo', itemName: 'v1', settings: '{"is_virtual":true,"type":"belongs_to","field":["x"],"ref_table":"contact","ref_field":["id"]}' },
      { kind: 'relationship', tableName: 'todo', itemName: 'v2', settings: '{"is_virtual":true,"type":"sideways","ref_table":"contact"}' },
    ]);
    expect(extras.tables.get('todo')).toMatchObject({ label: 'Todos', nameField: 'title', alias: null });
    expect(extras.fields.get('todo')?.get('doc')).toMatchObject({ type: 'json', dbType: 'text', picklist: ['a'] });
    expect(extras.fields.get('todo')?.get('bad')).toEqual(EMPTY_FIELD_EXTRAS);
    expect(extras.relationships).toEqual([expect.objectContaining({ table: 'todo', name: 'contact_by_owner', alias: 'owner', alwaysFetch: true })]);
    expect(extras.virtuals.map((v) => v.id)).toEqual(['v1']);
  });

  it('reads only the extras a request gives, validating aliases and rules', () => {
    expect(readFieldExtras({ label: 'Doc', picklist: 'a, b', type: 'json' }, 'doc')).toEqual({ label: 'Doc', picklist: ['a', 'b'] });
    expect(() => readFieldExtras({ alias: 'a b' }, 'doc')).toThrow("Alias of 'doc' must start with a letter");
    expect(() => readFieldExtras({ validation: { match: { regexp: '' } } }, 'doc')).toThrow("Option 'regexp' of rule 'match'");
  });
});

describe('descriptors', () => {
  it('describes a field with extras and the derived required flag', () => {
    const d = fieldDescriptor(column('title', { type: 'string', dbType: 'char(3)', length: 3, allowNull: false }), { ...EMPTY_FIELD_EXTRAS, label: 'Title', validation: { not_empty: true } });
    expect(d).toMatchObject({ name: 'title', label: 'Title', type: 'string', fixed_length: true, required: true, validation: { not_empty: true }, db_function: null, is_virtual: false });
  });

  it('describes a table with constraints keyed by lower-case name and a virtual many_many', () => {
    const contact = { ...table('contact', [column('id', { type: 'id', isPrimaryKey: true })]), primaryKeyName: 'PRIMARY' };
    const d = tableDescriptor({ table: contact, extras: undefined, fields: undefined, relationships: [], serviceId: 4, access: 31 });
    expect(d).toMatchObject({ name: 'contact', label: 'Contact', plural: 'Contacts', primary_key: ['id'], access: 31, constraints: { primary: { constraint_type: 'PRIMARY KEY', column_name: 'id' } } });
    const tables = [contact, table('tag', [column('id')]), table('contact_tag', [column('c'), column('t')])];
    const v = readVirtual({ type: 'many_many', field: 'id', ref_table: 'tag', ref_field: 'id', junction_table: 'contact_tag', junction_field: 'c', junction_ref_field: 't' },
      { table: 'contact', serviceId: 4, tables, takenIds: ['tag_by_contact_tag'] });
    expect(v).toMatchObject({ id: 'tag_by_contact_tag_2', junctionTable: 'contact_tag', junctionField: ['c'], junctionRefField: ['t'] });
    const rel = relationshipDescriptor({ ...v, name: 'tag_by_contact_tag', field: v.field, junctionTable: 'contact_tag', junctionField: ['c'], junctionRefField: ['t'],
      refOnUpdate: null, refOnDelete: null, isVirtual: true, source: v.id, alias: null, label: null, description: null, alwaysFetch: false, flatten: false, flattenDropPrefix: false }, 4);
    expect(rel).toMatchObject({ type: 'many_many', field: 'id', junction_service_id: 4, junction_table: 'contact_tag', junction_field: 'c', junction_ref_field: 't', ref_service_id: 4 });
  });
});
