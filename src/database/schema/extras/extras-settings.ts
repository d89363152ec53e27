import { RELATIONSHIP_TYPES, type RelationshipExtras, type RelationshipType, type StoredRelationshipExtras, type VirtualRelationship } from '../../relationships/relationship.types';
import type { SimpleType } from '../../schema-cache/schema.types';
import { CREATABLE_TYPES } from '../ddl/column-type';
import { EMPTY_FIELD_EXTRAS, EMPTY_TABLE_EXTRAS, type FieldExtras, type ServiceExtras, type TableExtras } from './extras.model';

/**
 * The JSON kept in `schema_extra.settings`, in the API's snake_case: one object per table, field
 * or relationship. Reading is forgiving (unknown keys and wrong types are dropped), so a row
 * written by another version never breaks a request.
 */
export type ExtraKind = 'table' | 'field' | 'relationship';

export interface ExtraRow {
  readonly kind: string;
  readonly tableName: string;
  readonly itemName: string;
  readonly settings: string;
}

type Json = Record<string, unknown>;

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const bool = (v: unknown): boolean => v === true;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
const object = (v: unknown): Record<string, unknown> | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/** The settings JSON of a row; an unreadable one reads as empty. */
export function parseSettings(settings: string): Json {
  try {
    return object(JSON.parse(settings)) ?? {};
  } catch {
    return {};
  }
}

export function tableFromSettings(s: Json): TableExtras {
  return { alias: text(s.alias), label: text(s.label), plural: text(s.plural), description: text(s.description), nameField: text(s.name_field) };
}

export function tableToSettings(e: TableExtras): Json {
  return { alias: e.alias, label: e.label, plural: e.plural, description: e.description, name_field: e.nameField };
}

export function fieldFromSettings(s: Json): FieldExtras {
  const type = text(s.type);
  return {
    alias: text(s.alias), label: text(s.label), description: text(s.description),
    picklist: Array.isArray(s.picklist) ? strings(s.picklist) : null, validation: object(s.validation),
    type: type && CREATABLE_TYPES.has(type) ? (type as SimpleType) : null, dbType: text(s.db_type),
  };
}

export function fieldToSettings(e: FieldExtras): Json {
  return { alias: e.alias, label: e.label, description: e.description, picklist: e.picklist, validation: e.validation, type: e.type, db_type: e.dbType };
}

export function relationshipFromSettings(s: Json): Partial<RelationshipExtras> {
  return {
    alias: text(s.alias), label: text(s.label), description: text(s.description),
    alwaysFetch: bool(s.always_fetch), flatten: bool(s.flatten), flattenDropPrefix: bool(s.flatten_drop_prefix),
  };
}

export function relationshipToSettings(e: Partial<RelationshipExtras>): Json {
  return {
    alias: e.alias ?? null, label: e.label ?? null, description: e.description ?? null,
    always_fetch: e.alwaysFetch ?? false, flatten: e.flatten ?? false, flatten_drop_prefix: e.flattenDropPrefix ?? false,
  };
}

export function virtualToSettings(v: VirtualRelationship): Json {
  return {
    ...relationshipToSettings(v), is_virtual: true, type: v.type, field: [...v.field], ref_table: v.refTable, ref_field: [...v.refField],
    junction_table: v.junctionTable ?? null, junction_field: [...(v.junctionField ?? [])], junction_ref_field: [...(v.junctionRefField ?? [])],
  };
}

function virtualFromSettings(id: string, table: string, s: Json): VirtualRelationship | undefined {
  const type = text(s.type) as RelationshipType | null;
  const refTable = text(s.ref_table);
  if (!type || !RELATIONSHIP_TYPES.includes(type) || !refTable) return undefined;
  return {
    ...relationshipFromSettings(s), id, table, type, field: strings(s.field), refTable, refField: strings(s.ref_field),
    junctionTable: text(s.junction_table), junctionField: strings(s.junction_field), junctionRefField: strings(s.junction_ref_field),
  };
}

/** True when nothing in the settings differs from "no extras": the row can go. */
export function isEmptySettings(s: Json): boolean {
  return Object.values(s).every((v) => v === null || v === false || (Array.isArray(v) && v.length === 0));
}

/** All rows of one service, indexed for requests. */
export function indexExtras(rows: readonly ExtraRow[]): ServiceExtras {
  const tables = new Map<string, TableExtras>();
  const fields = new Map<string, Map<string, FieldExtras>>();
  const relationships: StoredRelationshipExtras[] = [];
  const virtuals: VirtualRelationship[] = [];
  for (const row of rows) {
    const settings = parseSettings(row.settings);
    if (row.kind === 'table') tables.set(row.tableName, { ...EMPTY_TABLE_EXTRAS, ...tableFromSettings(settings) });
    else if (row.kind === 'field') {
      const byField = fields.get(row.tableName) ?? new Map<string, FieldExtras>();
      byField.set(row.itemName, { ...EMPTY_FIELD_EXTRAS, ...fieldFromSettings(settings) });
      fields.set(row.tableName, byField);
    } else if (row.kind === 'relationship' && settings.is_virtual === true) {
      const v = virtualFromSettings(row.itemName, row.tableName, settings);
      if (v) virtuals.push(v);
    } else if (row.kind === 'relationship') {
      relationships.push({ table: row.tableName, name: row.itemName, ...relationshipFromSettings(settings) });
    }
  }
  return { tables, fields, relationships, virtuals };
}
