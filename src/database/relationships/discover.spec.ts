import type { ColumnSchema, ForeignKeySchema, TableSchema } from '../schema-cache/schema.types';
import { apiName, discoverRelationships, findRelationship, type Relationship, type VirtualRelationship } from './discover';

const col = (name: string): ColumnSchema => ({
  name, type: 'integer', dbType: 'integer', length: null, precision: null, scale: null, allowNull: true, default: null,
  autoIncrement: false, isPrimaryKey: false, isUnique: false, isIndex: false, isForeignKey: false,
  refTable: null, refField: null, refOnUpdate: null, refOnDelete: null,
});

const fk = (name: string, columns: string[], refTable: string, refColumns = ['id']): ForeignKeySchema => ({
  name, columns, refTable, refColumns, onUpdate: 'NO ACTION', onDelete: 'CASCADE',
});

function table(name: string, columns: string[], keys: { pk?: string[]; fks?: ForeignKeySchema[]; uniques?: string[][] } = {}): TableSchema {
  return {
    name, isView: false, columns: columns.map(col), primaryKey: keys.pk ?? ['id'], foreignKeys: keys.fks ?? [],
    uniques: (keys.uniques ?? []).map((u, i) => ({ name: `u${i}`, columns: u })), version: 0,
  };
}

/** contact ← contact_info; contact ← contact_group_relationship → contact_group; contact.manager_id → contact. */
const CRM: TableSchema[] = [
  table('contact', ['id', 'name', 'manager_id'], { fks: [fk('fk_contact_manager', ['manager_id'], 'contact')] }),
  table('contact_info', ['id', 'contact_id'], { fks: [fk('fk_info_contact', ['contact_id'], 'contact')] }),
  table('contact_group', ['id', 'name']),
  table('contact_group_relationship', ['id', 'contact_id', 'contact_group_id'], {
    fks: [fk('fk_cgr_contact', ['contact_id'], 'contact'), fk('fk_cgr_group', ['contact_group_id'], 'contact_group')],
  }),
  table('passport', ['contact_id', 'number'], { pk: ['contact_id'], fks: [fk('fk_passport_contact', ['contact_id'], 'contact')] }),
  table('badge', ['id', 'contact_id'], { fks: [fk('fk_badge_contact', ['contact_id'], 'contact')], uniques: [['contact_id']] }),
];

const summary = (r: Relationship): string =>
  `${r.type} ${r.name}: ${r.field.join(',')} → ${r.refTable}.${r.refField.join(',')}${r.junctionTable ? ` via ${r.junctionTable}(${r.junctionField.join(',')};${r.junctionRefField.join(',')})` : ''}`;

describe('discoverRelationships (API.md 3.12)', () => {
  const byTable = discoverRelationships(CRM);

  it.each([
    ['contact', [
      'belongs_to contact_by_manager_id: manager_id → contact.id',
      'has_one badge_by_contact_id: id → badge.contact_id',
      'has_one passport_by_contact_id: id → passport.contact_id',
      'has_many contact_group_relationship_by_contact_id: id → contact_group_relationship.contact_id',
      'has_many contact_by_manager_id_2: id → contact.manager_id',
      'has_many contact_info_by_contact_id: id → contact_info.contact_id',
      'many_many contact_group_by_contact_group_relationship: id → contact_group.id via contact_group_relationship(contact_id;contact_group_id)',
    ]],
    ['contact_info', ['belongs_to contact_by_contact_id: contact_id → contact.id']],
    ['contact_group', [
      'has_many contact_group_relationship_by_contact_group_id: id → contact_group_relationship.contact_group_id',
      'many_many contact_by_contact_group_relationship: id → contact.id via contact_group_relationship(contact_group_id;contact_id)',
    ]],
    ['contact_group_relationship', [
      'belongs_to contact_by_contact_id: contact_id → contact.id',
      'belongs_to contact_group_by_contact_group_id: contact_group_id → contact_group.id',
    ]],
    ['passport', ['belongs_to contact_by_contact_id: contact_id → contact.id']],
  ])('%s', (name, expected) => {
    expect((byTable.get(name) ?? []).map(summary)).toEqual(expected);
  });

  it('carries the foreign key rules and marks discovered relationships as not virtual', () => {
    const [rel] = byTable.get('contact_info') ?? [];
    expect(rel).toMatchObject({ table: 'contact_info', refOnDelete: 'CASCADE', refOnUpdate: 'NO ACTION', isVirtual: false, source: 'fk_info_contact', alias: null, alwaysFetch: false });
  });

  it('joins multi-column keys with _ in names and keeps the columns index-aligned', () => {
    const tables = [
      table('orders', ['region', 'number'], { pk: ['region', 'number'] }),
      table('line', ['id', 'o_region', 'o_number'], { fks: [fk('fk_line_order', ['o_region', 'o_number'], 'orders', ['region', 'number'])] }),
    ];
    const result = discoverRelationships(tables);
    expect(result.get('line')?.map(summary)).toEqual(['belongs_to orders_by_o_region_o_number: o_region,o_number → orders.region,number']);
    expect(result.get('orders')?.map(summary)).toEqual(['has_many line_by_o_region_o_number: region,number → line.o_region,o_number']);
  });

  it('ignores keys to tables outside the schema and junctions whose keys point at one table', () => {
    const tables = [
      table('a', ['id']),
      table('ext', ['id', 'x_id'], { fks: [fk('fk_x', ['x_id'], 'elsewhere')] }),
      table('pair', ['id', 'a1', 'a2'], { fks: [fk('fk_1', ['a1'], 'a'), fk('fk_2', ['a2'], 'a')] }),
    ];
    const result = discoverRelationships(tables);
    expect(result.get('ext')).toEqual([]);
    expect(result.get('a')?.map((r) => `${r.type} ${r.name}`)).toEqual(['has_many pair_by_a1', 'has_many pair_by_a2']);
  });

  it('has an entry for every table, also without relationships', () => {
    expect([...discoverRelationships([table('lonely', ['id'])]).entries()]).toEqual([['lonely', []]]);
  });

  it('applies stored extras to discovered relationships by table and name (case-insensitive)', () => {
    const result = discoverRelationships(CRM, [], [{ table: 'contact_info', name: 'CONTACT_BY_CONTACT_ID', alias: 'owner', alwaysFetch: true }]);
    const [rel] = result.get('contact_info') ?? [];
    expect(rel).toMatchObject({ name: 'contact_by_contact_id', alias: 'owner', alwaysFetch: true, label: null });
    expect(apiName(rel!)).toBe('owner');
  });
});

describe('virtual relationships', () => {
  const virtual = (overrides: Partial<VirtualRelationship>): VirtualRelationship => ({
    id: 'v1', table: 'contact_info', type: 'belongs_to', field: ['contact_id'], refTable: 'contact', refField: ['id'], ...overrides,
  });

  it.each([
    ['a belongs_to colliding with the discovered one gets _2', virtual({}), 'contact_info', 'belongs_to contact_by_contact_id_2: contact_id → contact.id'],
    ['a has_many named by the ref field', virtual({ table: 'contact_group', type: 'has_many', field: ['id'], refTable: 'contact_info', refField: ['id'] }),
      'contact_group', 'has_many contact_info_by_id: id → contact_info.id'],
    ['a many_many named by the junction, resolved case-insensitively',
      virtual({ table: 'CONTACT_GROUP', type: 'many_many', field: ['ID'], refTable: 'contact_info', refField: ['id'], junctionTable: 'badge', junctionField: ['id'], junctionRefField: ['contact_id'] }),
      'contact_group', 'many_many contact_info_by_badge: id → contact_info.id via badge(id;contact_id)'],
  ])('%s', (_title, v, tableName, expected) => {
    const list = discoverRelationships(CRM, [v]).get(tableName) ?? [];
    const found = list.filter((r) => r.isVirtual);
    expect(found.map(summary)).toEqual([expected]);
    expect(found[0]).toMatchObject({ source: 'v1', refOnDelete: null });
  });

  it.each([
    ['a missing table', virtual({ table: 'nope' })],
    ['a missing ref table', virtual({ refTable: 'nope' })],
    ['a missing column', virtual({ field: ['nope'] })],
    ['column lists of different lengths', virtual({ field: ['contact_id', 'id'] })],
    ['a many_many without junction', virtual({ type: 'many_many' })],
    ['a many_many with a missing junction column', virtual({ type: 'many_many', junctionTable: 'badge', junctionField: ['nope'], junctionRefField: ['id'] })],
  ])('skips one naming %s', (_title, v) => {
    const all = [...discoverRelationships(CRM, [v]).values()].flat();
    expect(all.filter((r) => r.isVirtual)).toEqual([]);
  });

  it('keeps the extras declared with the virtual relationship', () => {
    const [rel] = (discoverRelationships(CRM, [virtual({ alias: 'customer', label: 'Customer', alwaysFetch: true })]).get('contact_info') ?? []).filter((r) => r.isVirtual);
    expect(rel).toMatchObject({ alias: 'customer', label: 'Customer', alwaysFetch: true, flatten: false, description: null });
  });
});

describe('findRelationship', () => {
  const list = discoverRelationships(CRM, [], [{ table: 'contact', name: 'contact_info_by_contact_id', alias: 'infos' }]).get('contact') ?? [];

  it.each([
    ['infos', 'contact_info_by_contact_id'],
    ['INFOS', 'contact_info_by_contact_id'],
    ['contact_info_by_contact_id', 'contact_info_by_contact_id'],
    ['Contact_By_Manager_Id_2', 'contact_by_manager_id_2'],
  ])('finds %s', (name, expected) => {
    expect(findRelationship(list, name)?.name).toBe(expected);
  });

  it('answers undefined for an unknown name', () => {
    expect(findRelationship(list, 'orders_by_contact_id')).toBeUndefined();
  });
});
