import { makeColumn } from '../../../test/database/column.factory';
import { discoverRelationships } from '../relationships/discover';
import type { ColumnSchema, TableSchema } from '../schema-cache/schema.types';
import { relatedPlan, type RelatedContext } from './related-plan';

const pk = (name = 'id'): ColumnSchema => makeColumn({ name, type: 'id', dbType: 'integer', allowNull: false, isPrimaryKey: true, autoIncrement: true });
const int = (name: string): ColumnSchema => makeColumn({ name, type: 'integer', dbType: 'integer' });
const fk = (column: string, refTable: string) => ({ name: `fk_${column}_${refTable}`, columns: [column], refTable, refColumns: ['id'], onUpdate: 'NO ACTION' as const, onDelete: 'NO ACTION' as const });
const table = (name: string, columns: ColumnSchema[], foreignKeys: TableSchema['foreignKeys'] = []): TableSchema =>
  ({ name, isView: false, columns, primaryKey: ['id'], foreignKeys, uniques: [], version: 1 });

const tables = [
  table('a', [pk(), int('x')]),
  table('b', [pk(), int('a_id')], [fk('a_id', 'a')]),
  table('c', [pk(), int('b_id')], [fk('b_id', 'b')]),
  table('d', [pk(), int('c_id')], [fk('c_id', 'c')]),
];
const a = tables[0]!;
const context: RelatedContext = {
  tables: new Map(tables.map((t) => [t.name, t])), relationships: discoverRelationships(tables), maxRecords: 100, engine: 'sqlite',
};
const plan = (query: Record<string, unknown>, over: Partial<RelatedContext> = {}) => relatedPlan(a, query, { ...context, ...over }, { grouped: false });
const failure = (query: Record<string, unknown>, over: Partial<RelatedContext> = {}) => {
  try {
    plan(query, over);
  } catch (error) {
    return { reason: (error as { reason?: string }).reason, message: (error as Error).message };
  }
  throw new Error('expected the plan to fail');
};

describe('relatedPlan', () => {
  it('answers undefined without related and builds nested specs from dotted paths and {rel}.related', () => {
    expect(plan({})).toBeUndefined();
    const dotted = plan({ related: 'b_by_a_id.c_by_b_id' })!;
    const viaOption = plan({ related: 'b_by_a_id', 'b_by_a_id.related': 'c_by_b_id' })!;
    for (const p of [dotted, viaOption]) {
      expect(p.localKeys.map((c) => c.name)).toEqual(['id']);
      expect(p.related[0]).toMatchObject({ key: 'b_by_a_id', single: false, link: { parent: ['id'], child: ['a_id'] } });
      expect(p.related[0]!.spec.related![0]).toMatchObject({ key: 'c_by_b_id', spec: { limit: 100 } });
    }
    const star = plan({ related: 'b_by_a_id.*' })!;
    expect(star.related[0]!.spec.related!.map((r) => r.key)).toEqual(['a_by_a_id', 'c_by_b_id']);
  });

  it('reads per-relationship options by path in both spellings, clamping limits', () => {
    const p = plan({ related: 'b_by_a_id.c_by_b_id', 'B_BY_A_ID_fields': 'id', 'b_by_a_id.limit': '0', 'b_by_a_id.c_by_b_id.limit': '7', 'b_by_a_id.c_by_b_id.order': 'id desc' })!;
    const b = p.related[0]!.spec;
    // The nested relationship's local key (b.id) is already among b's fields.
    expect(b.fields.map((f) => (f.kind === 'column' ? f.column.name : ''))).toEqual(['id']);
    expect(b.limit).toBe(100);
    expect(b.related![0]!.spec).toMatchObject({ limit: 7, order: [{ direction: 'DESC' }] });
    expect(failure({ related: 'b_by_a_id', 'b_by_a_id.limit': ['1', '2'] })).toMatchObject({ reason: 'REQUEST_INVALID', message: "Invalid value for 'b_by_a_id.limit': expected an integer." });
  });

  it('refuses unknown names, too deep nesting and too long nested names on PostgreSQL', () => {
    expect(failure({ related: 'b_by_a_id.zz.c' })).toEqual({ reason: 'RELATION_UNKNOWN', message: 'Invalid relationship requested: b_by_a_id.zz' });
    expect(failure({ related: 'b_by_a_id.*.x' })).toMatchObject({ reason: 'RELATION_UNKNOWN' });
    expect(failure({ related: 'b_by_a_id.c_by_b_id.d_by_c_id.c_by_c_id' })).toMatchObject({ reason: 'REQUEST_INVALID' });
    const long = 'c'.repeat(70);
    const relationships = new Map(context.relationships);
    relationships.set('b', (context.relationships.get('b') ?? []).map((r) => (r.name === 'c_by_b_id' ? { ...r, alias: long } : r)));
    expect(failure({ related: `b_by_a_id.${long}` }, { relationships, engine: 'postgres' })).toMatchObject({ reason: 'FEATURE_UNSUPPORTED' });
    expect(plan({ related: `b_by_a_id.${long}` }, { relationships })!.related[0]!.spec.related![0]!.key).toBe(long);
  });

  it('applies the access hook: 403 for a named table, left out under *, the record filter kept', () => {
    const access = (t: TableSchema) => (t.name === 'c' ? { allowed: false } : { allowed: true, filter: ['1 = 1'] });
    expect(failure({ related: 'b_by_a_id.c_by_b_id' }, { access })).toMatchObject({ reason: 'ACCESS_DENIED' });
    const p = plan({ related: 'b_by_a_id.*' }, { access })!;
    expect(p.related[0]!.spec.where).toEqual(['1 = 1']);
    expect(p.related[0]!.spec.related!.map((r) => r.key)).toEqual(['a_by_a_id']);
  });
});
