/**
 * Relationship discovery (API.md 3.12): a pure function from the cached schema (foreign keys),
 * the virtual relationships and the stored extras of one service to the relationships of each
 * table, named as the contract says. No I/O, no Nest: the schema API describes them, the records
 * API uses them for `related=` reads and nested writes.
 *
 * @example
 *   // contact(id) ← contact_info(contact_id → contact.id)
 *   const byTable = discoverRelationships(await context.schema.tables(), virtuals, extras);
 *   byTable.get('contact_info')  // [{ type: 'belongs_to', name: 'contact_by_contact_id', field: ['contact_id'], refTable: 'contact', refField: ['id'], … }]
 *   byTable.get('contact')       // [{ type: 'has_many', name: 'contact_info_by_contact_id', field: ['id'], refTable: 'contact_info', refField: ['contact_id'], … }]
 *   findRelationship(byTable.get('contact') ?? [], 'Contact_Info_By_Contact_Id')  // the has_many above
 *
 * Rules:
 * - T.c → R.p gives belongs_to R on T, and has_many T on R (has_one when T.c is T's primary key or
 *   a unique constraint). Foreign keys to tables outside the schema give nothing.
 * - A table C with two or more foreign keys is a junction: C.f → T.p with C.g → O.q (O ≠ T, C ≠ T, C ≠ O)
 *   gives many_many O through C on T.
 * - Virtual relationships appear on their own table only, after the discovered ones of the same
 *   type; one naming a missing table or column is skipped (it reappears when the column does).
 * - Names: belongs_to `{ref_table}_by_{field}`, has_one/has_many `{ref_table}_by_{ref_field}`,
 *   many_many `{ref_table}_by_{junction_table}` (column lists joined by `_`). Collisions
 *   (case-insensitive) keep the first in the order belongs_to, has_one, has_many, many_many, then
 *   discovered before virtual, then by constraint name; later ones get `_2`, `_3`, ….
 * - Extras (alias, label, …) of discovered relationships are matched by table and name.
 */
import { findColumn, type ForeignKeySchema, type TableSchema } from '../schema-cache/schema.types';
import {
  NO_RELATIONSHIP_EXTRAS, RELATIONSHIP_TYPES, type Relationship, type RelationshipExtras, type RelationshipType,
  type StoredRelationshipExtras, type VirtualRelationship,
} from './relationship.types';

export * from './relationship.types';

type Candidate = Omit<Relationship, 'name' | keyof RelationshipExtras> & { readonly base: string; readonly extras?: Partial<RelationshipExtras> };

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((c) => b.includes(c));

/** True when the columns are exactly the table's primary key or one of its unique constraints. */
function isUniqueSet(table: TableSchema, columns: readonly string[]): boolean {
  return sameSet(table.primaryKey, columns) || table.uniques.some((u) => sameSet(u.columns, columns));
}

function fromForeignKey(child: TableSchema, fk: ForeignKeySchema, parent: TableSchema): [Candidate, Candidate] {
  const common = { junctionTable: null, junctionField: [], junctionRefField: [], refOnUpdate: fk.onUpdate, refOnDelete: fk.onDelete, isVirtual: false, source: fk.name };
  const belongsTo: Candidate = {
    ...common, type: 'belongs_to', table: child.name, field: fk.columns, refTable: parent.name, refField: fk.refColumns,
    base: `${parent.name}_by_${fk.columns.join('_')}`,
  };
  const hasMany: Candidate = {
    ...common, type: isUniqueSet(child, fk.columns) ? 'has_one' : 'has_many', table: parent.name, field: fk.refColumns,
    refTable: child.name, refField: fk.columns, base: `${child.name}_by_${fk.columns.join('_')}`,
  };
  return [belongsTo, hasMany];
}

function throughJunction(junction: TableSchema, byName: ReadonlyMap<string, TableSchema>): Candidate[] {
  const out: Candidate[] = [];
  if (junction.foreignKeys.length < 2) return out;
  for (const f of junction.foreignKeys) {
    for (const g of junction.foreignKeys) {
      const table = byName.get(f.refTable);
      const other = byName.get(g.refTable);
      if (f === g || !table || !other || table === other || junction === table || junction === other) continue;
      out.push({
        type: 'many_many', table: table.name, field: f.refColumns, refTable: other.name, refField: g.refColumns,
        junctionTable: junction.name, junctionField: f.columns, junctionRefField: g.columns,
        refOnUpdate: f.onUpdate, refOnDelete: f.onDelete, isVirtual: false, source: `${f.name},${g.name}`,
        base: `${other.name}_by_${junction.name}`,
      });
    }
  }
  return out;
}

/** Real column names, or undefined when one is missing or the list is empty. */
function resolveColumns(table: TableSchema | undefined, names: readonly string[] | undefined): string[] | undefined {
  if (!table || !names || names.length === 0) return undefined;
  const real = names.map((n) => findColumn(table, n)?.name);
  return real.every((n): n is string => n !== undefined) ? real : undefined;
}

function fromVirtual(v: VirtualRelationship, find: (name: string) => TableSchema | undefined): Candidate | undefined {
  const table = find(v.table);
  const ref = find(v.refTable);
  const field = resolveColumns(table, v.field);
  const refField = resolveColumns(ref, v.refField);
  if (!table || !ref || !field || !refField || field.length !== refField.length) return undefined;
  let junction: { table: string; field: string[]; refField: string[] } | undefined;
  if (v.type === 'many_many') {
    const j = v.junctionTable ? find(v.junctionTable) : undefined;
    const jField = resolveColumns(j, v.junctionField);
    const jRefField = resolveColumns(j, v.junctionRefField);
    if (!j || !jField || !jRefField || jField.length !== field.length || jRefField.length !== refField.length) return undefined;
    junction = { table: j.name, field: jField, refField: jRefField };
  }
  const named = v.type === 'belongs_to' ? field : v.type === 'many_many' ? [junction?.table ?? ''] : refField;
  return {
    type: v.type, table: table.name, field, refTable: ref.name, refField,
    junctionTable: junction?.table ?? null, junctionField: junction?.field ?? [], junctionRefField: junction?.refField ?? [],
    refOnUpdate: null, refOnDelete: null, isVirtual: true, source: v.id,
    base: `${ref.name}_by_${named.join('_')}`,
    extras: v,
  };
}

const rank = (type: RelationshipType): number => RELATIONSHIP_TYPES.indexOf(type);

function order(a: Candidate, b: Candidate): number {
  return rank(a.type) - rank(b.type) || Number(a.isVirtual) - Number(b.isVirtual) || compare(a.source, b.source) || compare(a.base, b.base);
}

function pickExtras(source: Partial<RelationshipExtras> | undefined): RelationshipExtras {
  return {
    alias: source?.alias ?? null,
    label: source?.label ?? null,
    description: source?.description ?? null,
    alwaysFetch: source?.alwaysFetch ?? false,
    flatten: source?.flatten ?? false,
    flattenDropPrefix: source?.flattenDropPrefix ?? false,
  };
}

/** Names one table's candidates in contract order and attaches their extras. */
function nameAll(candidates: Candidate[], extrasOf: (name: string) => Partial<RelationshipExtras> | undefined): Relationship[] {
  const used = new Set<string>();
  return [...candidates].sort(order).map((c) => {
    let name = c.base;
    for (let n = 2; used.has(name.toLowerCase()); n += 1) name = `${c.base}_${n}`;
    used.add(name.toLowerCase());
    const { base: _base, extras, ...rest } = c;
    return { ...rest, name, ...(c.isVirtual ? pickExtras(extras) : { ...NO_RELATIONSHIP_EXTRAS, ...pickExtras(extrasOf(name)) }) };
  });
}

/**
 * Every table's relationships (API.md 3.12.1-2), keyed by real table name; every table of the
 * input has an entry (possibly empty). Deterministic for the same input.
 * @param tables    the service's tables (schema cache)
 * @param virtuals  virtual relationships declared through the schema API
 * @param extras    stored extras of discovered relationships, by table and name
 */
export function discoverRelationships(
  tables: readonly TableSchema[],
  virtuals: readonly VirtualRelationship[] = [],
  extras: readonly StoredRelationshipExtras[] = [],
): Map<string, Relationship[]> {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const byLower = new Map<string, TableSchema[]>();
  for (const t of tables) byLower.set(t.name.toLowerCase(), [...(byLower.get(t.name.toLowerCase()) ?? []), t]);
  const find = (name: string): TableSchema | undefined => {
    const matches = byLower.get(name.toLowerCase()) ?? [];
    return byName.get(name) ?? (matches.length === 1 ? matches[0] : undefined);
  };
  const candidates = new Map<string, Candidate[]>(tables.map((t) => [t.name, []]));
  const add = (c: Candidate): void => void candidates.get(c.table)?.push(c);
  for (const child of tables) {
    for (const fk of child.foreignKeys) {
      const parent = byName.get(fk.refTable);
      if (parent) fromForeignKey(child, fk, parent).forEach(add);
    }
    throughJunction(child, byName).forEach(add);
  }
  for (const v of virtuals) {
    const candidate = fromVirtual(v, find);
    if (candidate) add(candidate);
  }
  const extrasByKey = new Map(extras.map((e) => [`${e.table}\u0000${e.name.toLowerCase()}`, e]));
  const result = new Map<string, Relationship[]>();
  for (const [table, list] of candidates) {
    result.set(table, nameAll(list, (name) => extrasByKey.get(`${table}\u0000${name.toLowerCase()}`)));
  }
  return result;
}

/** The name a relationship has in the API: its alias when set, else its derived name. */
export function apiName(relationship: Relationship): string {
  return relationship.alias ?? relationship.name;
}

/**
 * A relationship by API name or derived name: exact spelling first, then case-insensitively
 * when only one matches that way (API.md 2.10, 3.12.2).
 * @example findRelationship(relationships, 'CUSTOMER')  // the one aliased 'customer'
 */
export function findRelationship(relationships: readonly Relationship[], name: string): Relationship | undefined {
  const exact = relationships.find((r) => r.alias === name) ?? relationships.find((r) => r.name === name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  const matches = relationships.filter((r) => r.alias?.toLowerCase() === lower || r.name.toLowerCase() === lower);
  return matches.length === 1 ? matches[0] : undefined;
}
