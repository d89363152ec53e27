import pluralize from 'pluralize';
import type { Relationship } from '../../relationships/relationship.types';
import type { ColumnSchema, TableSchema } from '../../schema-cache/schema.types';
import { effectiveType, type FieldExtras, type TableExtras } from '../extras/extras.model';

/**
 * Table, field and relationship descriptors of API.md 3.14, built from the schema cache, the
 * discovered relationships and the stored extras. Pure; keys in the contract's order.
 */
export type Descriptor = Record<string, unknown>;

/** Verbs on `_table/{t}` as the integer mask of `_schema/{t}` (GET 1, POST 2, PUT 4, PATCH 8, DELETE 16). */
export const ALL_ACCESS = 31;

/**
 * `contact_info` → `Contact Info`.
 * @example defaultLabel('order_by_contact_id')  // 'Order By Contact Id'
 */
export function defaultLabel(name: string): string {
  return name.split('_').filter((w) => w !== '').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

/**
 * English plural of a label, as DreamFactory's inflector gives it; a label that is already plural
 * stays as it is.
 * @example plural('Category')  // 'Categories'
 * @example plural('Contacts')  // 'Contacts'
 */
export function plural(label: string): string {
  return pluralize(label);
}

const FIXED = /^(char|character|bpchar|nchar|binary)(\s*\(|$)/;

export function fieldDescriptor(column: ColumnSchema, extras: FieldExtras | undefined): Descriptor {
  const isDefaultNull = column.default === null || column.default === undefined;
  return {
    alias: extras?.alias ?? null,
    name: column.name,
    label: extras?.label ?? defaultLabel(extras?.alias ?? column.name),
    description: extras?.description ?? null,
    native: [],
    type: effectiveType(column, extras),
    db_type: column.dbType,
    length: column.length,
    precision: column.precision,
    scale: column.scale,
    default: isDefaultNull ? null : column.default,
    required: !column.allowNull && isDefaultNull && !column.autoIncrement,
    allow_null: column.allowNull,
    fixed_length: FIXED.test(column.dbType),
    supports_multibyte: true,
    auto_increment: column.autoIncrement,
    is_primary_key: column.isPrimaryKey,
    is_unique: column.isUnique,
    is_index: column.isIndex,
    is_foreign_key: column.isForeignKey,
    ref_table: column.refTable,
    ref_field: column.refField,
    ref_on_update: column.refOnUpdate,
    ref_on_delete: column.refOnDelete,
    picklist: extras?.picklist ?? null,
    validation: extras?.validation ?? null,
    db_function: null,
    is_virtual: false,
    is_aggregate: false,
  };
}

export function relationshipDescriptor(r: Relationship, serviceId: number): Descriptor {
  return {
    alias: r.alias,
    name: r.name,
    label: r.label ?? defaultLabel(r.alias ?? r.name),
    description: r.description,
    native: [],
    type: r.type,
    field: r.field.join(','),
    is_virtual: r.isVirtual,
    ref_service_id: serviceId,
    ref_table: r.refTable,
    ref_field: r.refField.join(','),
    ref_on_update: r.refOnUpdate,
    ref_on_delete: r.refOnDelete,
    junction_service_id: r.junctionTable ? serviceId : null,
    junction_table: r.junctionTable,
    junction_field: r.junctionTable ? r.junctionField.join(',') : null,
    junction_ref_field: r.junctionTable ? r.junctionRefField.join(',') : null,
    always_fetch: r.alwaysFetch,
    flatten: r.flatten,
    flatten_drop_prefix: r.flattenDropPrefix,
  };
}

interface Constraint {
  readonly constraint_type: 'PRIMARY KEY' | 'UNIQUE' | 'FOREIGN KEY';
  readonly constraint_name: string;
  readonly table_name: string;
  readonly column_name: string | string[];
  readonly referenced_table_name: string | null;
  readonly referenced_column_name: string | string[] | null;
  readonly update_rule: string | null;
  readonly delete_rule: string | null;
}

const oneOrMany = (columns: readonly string[]): string | string[] => (columns.length === 1 ? (columns[0] ?? '') : [...columns]);

/** `constraints` of a table descriptor: keyed by lower-case constraint name. */
export function constraintsOf(table: TableSchema): Record<string, Constraint> {
  const out: Record<string, Constraint> = {};
  const add = (c: Constraint): void => void (out[c.constraint_name.toLowerCase()] = c);
  const none = { referenced_table_name: null, referenced_column_name: null, update_rule: null, delete_rule: null };
  if (table.primaryKey.length > 0) {
    const name = table.primaryKeyName || `${table.name}_pkey`;
    add({ constraint_type: 'PRIMARY KEY', constraint_name: name, table_name: table.name, column_name: oneOrMany(table.primaryKey), ...none });
  }
  for (const u of table.uniques) add({ constraint_type: 'UNIQUE', constraint_name: u.name, table_name: table.name, column_name: oneOrMany(u.columns), ...none });
  for (const f of table.foreignKeys) {
    add({
      constraint_type: 'FOREIGN KEY', constraint_name: f.name, table_name: table.name, column_name: oneOrMany(f.columns),
      referenced_table_name: f.refTable, referenced_column_name: oneOrMany(f.refColumns), update_rule: f.onUpdate, delete_rule: f.onDelete,
    });
  }
  return out;
}

export interface TableDescribeInput {
  readonly table: TableSchema;
  readonly extras: TableExtras | undefined;
  readonly fields: ReadonlyMap<string, FieldExtras> | undefined;
  readonly relationships: readonly Relationship[];
  readonly serviceId: number;
  /** Integer mask in `_schema/{t}`, verb list in `_schema?fields=*`. */
  readonly access: number | readonly string[];
}

export function tableDescriptor(input: TableDescribeInput): Descriptor {
  const { table, extras } = input;
  const label = extras?.label ?? defaultLabel(extras?.alias ?? table.name);
  return {
    alias: extras?.alias ?? null,
    name: table.name,
    label,
    description: extras?.description ?? null,
    native: [],
    plural: extras?.plural ?? plural(label),
    is_view: table.isView,
    primary_key: [...table.primaryKey],
    name_field: extras?.nameField ?? null,
    field: table.columns.map((c) => fieldDescriptor(c, input.fields?.get(c.name))),
    related: input.relationships.map((r) => relationshipDescriptor(r, input.serviceId)),
    constraints: constraintsOf(table),
    access: input.access,
  };
}

/** The light descriptor for `GET _schema?fields=name,label` (no columns or relationships needed). */
export function tableSummary(table: TableSchema, extras: TableExtras | undefined): Descriptor {
  const label = extras?.label ?? defaultLabel(extras?.alias ?? table.name);
  return { alias: extras?.alias ?? null, name: table.name, label, description: extras?.description ?? null, plural: extras?.plural ?? plural(label), is_view: table.isView };
}
