import { typeFamily } from '../../../common/values/type-families';
import type { RelationshipExtras, StoredRelationshipExtras, VirtualRelationship } from '../../relationships/relationship.types';
import type { ColumnSchema, SimpleType, TableSchema } from '../../schema-cache/schema.types';
import { AUTOMATIC_TYPES, isAutomaticType, type AutomaticType } from '../ddl/column-type';
import { has, invalid, readBoolean, readList, readObject, readText, type Input } from '../ddl/field-input';
import { NEW_NAME_PATTERN } from '../ddl/names';
import { readValidation } from './validation-rules';

/**
 * "Extra" schema properties stored by the server, not the database (API.md 3.14): table and
 * field labels and aliases, field validation and picklists, relationship extras, and remembered
 * simple types (`user_id_on_create`, `timestamp_on_update`, … and types a column of the engine
 * cannot show, like `json` on SQLite). Pure: reading them from requests and applying them.
 */
export interface TableExtras {
  readonly alias: string | null;
  readonly label: string | null;
  readonly plural: string | null;
  readonly description: string | null;
  readonly nameField: string | null;
}

export interface FieldExtras {
  readonly alias: string | null;
  readonly label: string | null;
  readonly description: string | null;
  readonly picklist: readonly string[] | null;
  readonly validation: Readonly<Record<string, unknown>> | null;
  /** Simple type given at creation, reported while the column's declared type is still `dbType`. */
  readonly type: SimpleType | null;
  readonly dbType: string | null;
}

/** Everything stored for one service. Maps are keyed by real table name, then real field name. */
export interface ServiceExtras {
  readonly tables: ReadonlyMap<string, TableExtras>;
  readonly fields: ReadonlyMap<string, ReadonlyMap<string, FieldExtras>>;
  readonly relationships: readonly StoredRelationshipExtras[];
  readonly virtuals: readonly VirtualRelationship[];
}

export const EMPTY_TABLE_EXTRAS: TableExtras = { alias: null, label: null, plural: null, description: null, nameField: null };
export const EMPTY_FIELD_EXTRAS: FieldExtras = { alias: null, label: null, description: null, picklist: null, validation: null, type: null, dbType: null };

function readAlias(input: Input, owner: string): string | null {
  const alias = readText(input, 'alias', owner, 63);
  if (alias !== null && !NEW_NAME_PATTERN.test(alias)) throw invalid(owner, `Alias of '${owner}' must start with a letter or '_' and contain only letters, digits and '_'.`);
  return alias;
}

/** The table extras present in a table descriptor of a request. */
export function readTableExtras(input: Input, table: string): Partial<TableExtras> {
  const out: { -readonly [K in keyof TableExtras]?: TableExtras[K] } = {};
  if (has(input, 'alias')) out.alias = readAlias(input, table);
  if (has(input, 'label')) out.label = readText(input, 'label', table);
  if (has(input, 'plural')) out.plural = readText(input, 'plural', table);
  if (has(input, 'description')) out.description = readText(input, 'description', table, 4000);
  if (has(input, 'name_field')) out.nameField = readText(input, 'name_field', table, 128);
  return out;
}

/** The field extras present in a field descriptor of a request (`type` is remembered separately). */
export function readFieldExtras(input: Input, field: string): Partial<FieldExtras> {
  const out: { -readonly [K in keyof FieldExtras]?: FieldExtras[K] } = {};
  if (has(input, 'alias')) out.alias = readAlias(input, field);
  if (has(input, 'label')) out.label = readText(input, 'label', field);
  if (has(input, 'description')) out.description = readText(input, 'description', field, 4000);
  if (has(input, 'picklist')) out.picklist = readList(input, 'picklist', field);
  if (has(input, 'validation')) out.validation = readValidation(readObject(input, 'validation', field), field);
  return out;
}

/** The relationship extras present in a relationship descriptor of a request. */
export function readRelationshipExtras(input: Input, name: string): Partial<RelationshipExtras> {
  const out: { -readonly [K in keyof RelationshipExtras]?: RelationshipExtras[K] } = {};
  if (has(input, 'alias')) out.alias = readAlias(input, name);
  if (has(input, 'label')) out.label = readText(input, 'label', name);
  if (has(input, 'description')) out.description = readText(input, 'description', name, 4000);
  if (has(input, 'always_fetch')) out.alwaysFetch = readBoolean(input, 'always_fetch', name, false);
  if (has(input, 'flatten')) out.flatten = readBoolean(input, 'flatten', name, false);
  if (has(input, 'flatten_drop_prefix')) out.flattenDropPrefix = readBoolean(input, 'flatten_drop_prefix', name, false);
  return out;
}

/**
 * Whether a remembered type may stand for a discovered one: the same value family (so the
 * records API types values the same way), or JSON and UUIDs kept in text columns.
 */
export function canRemember(requested: SimpleType, discovered: SimpleType): boolean {
  if (requested === discovered) return false;
  const family = typeFamily(requested);
  if (family === typeFamily(discovered)) return true;
  return (family === 'json' || family === 'uuid') && typeFamily(discovered) === 'string';
}

/** The simple type of a column as the API reports it: remembered while the column is unchanged, else discovered. */
export function effectiveType(column: ColumnSchema, extras: FieldExtras | undefined): SimpleType {
  const remembered = extras?.type;
  if (!remembered || extras.dbType !== column.dbType || !canRemember(remembered, column.type)) return column.type;
  return remembered;
}

/** The table with remembered types applied to its columns (same object when nothing changes). */
export function withEffectiveTypes(table: TableSchema, fields: ReadonlyMap<string, FieldExtras> | undefined): TableSchema {
  if (!fields || fields.size === 0) return table;
  let changed = false;
  const columns = table.columns.map((c) => {
    const type = effectiveType(c, fields.get(c.name));
    if (type === c.type) return c;
    changed = true;
    return { ...c, type };
  });
  return changed ? { ...table, columns } : table;
}

/**
 * Columns whose values the records API fills on writes (API.md 3.8), by real column name.
 * @example automaticColumns(withEffectiveTypes(table, extras))  // Map { 'created_at' => 'timestamp_on_create' }
 */
export function automaticColumns(table: TableSchema): Map<string, AutomaticType> {
  return new Map(table.columns.filter((c) => isAutomaticType(c.type)).map((c) => [c.name, c.type as AutomaticType]));
}

export { AUTOMATIC_TYPES, type AutomaticType };
