import { AppError } from '../../../common/errors';
import type { DialectName } from '../../dialect/dialect';
import { findColumn, type ColumnSchema, type SimpleType, type TableSchema } from '../../schema-cache/schema.types';
import { readFieldExtras, readTableExtras, type FieldExtras, type TableExtras } from '../extras/extras.model';
import { addColumnStatements, alterColumnStatements, dropColumnStatements } from './alter-table';
import { createTableStatements, type Statement } from './create-table';
import { has, invalid, type Input } from './field-input';
import { parseField, type FieldSpec } from './field-spec';
import { checkNewName, printable } from './names';

/**
 * What one table or field write of the schema API does: the DDL statements (pure, from the
 * request and the live schema) and the extras to store once they succeeded.
 */
export interface FieldPlan {
  readonly name: string;
  readonly action: 'create' | 'alter' | 'drop';
  readonly statements: Statement[];
  readonly extras: Partial<FieldExtras>;
  /** Type to remember when discovery reports another one afterwards; null for drops. */
  readonly type: SimpleType | null;
}

export interface TablePlan {
  readonly table: string;
  readonly action: 'create' | 'alter';
  readonly statements: Statement[];
  readonly fields: FieldPlan[];
  readonly extras: Partial<TableExtras>;
}

export interface PlanContext {
  readonly engine: DialectName;
  /** The service's tables as they are now (inside the write's transaction). */
  readonly tables: readonly TableSchema[];
  /** A column's simple type as the API reports it (remembered types applied). */
  readonly typeOf: (table: string, column: ColumnSchema) => SimpleType;
  /** SQLite: names of the droppable indexes that include a column. */
  readonly indexesOf?: (table: string, column: string) => readonly string[];
}

/** A table by name: exact spelling first, then case-insensitively when only one matches (API.md 2.10). */
export function findTable(tables: readonly TableSchema[], name: string): TableSchema | undefined {
  const exact = tables.find((t) => t.name === name);
  if (exact) return exact;
  const matches = tables.filter((t) => t.name.toLowerCase() === name.toLowerCase());
  return matches.length === 1 ? matches[0] : undefined;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Fills in the referenced table's real name and column (its single-column key when not given). */
function resolveReference(spec: FieldSpec, ctx: PlanContext, own?: { table: string; fields: readonly FieldSpec[] }): FieldSpec {
  const ref = spec.reference;
  if (!ref) return spec;
  const unknown = (what: string): AppError => invalid(spec.name, `Field '${spec.name}' references ${what}.`);
  if (own && same(ref.table, own.table)) {
    const key = own.fields.filter((f) => f.isPrimaryKey);
    const target = ref.field ? own.fields.find((f) => same(f.name, ref.field ?? '')) : key.length === 1 ? key[0] : undefined;
    if (!target) throw unknown(`a missing field of table '${own.table}'`);
    return { ...spec, reference: { ...ref, table: own.table, field: target.name } };
  }
  const table = findTable(ctx.tables, ref.table);
  if (!table || table.isView) throw unknown(`table '${printable(ref.table)}', which does not exist`);
  const field = ref.field ? findColumn(table, ref.field)?.name : table.primaryKey.length === 1 ? table.primaryKey[0] : undefined;
  if (!field) throw unknown(ref.field ? `field '${printable(ref.field)}', which table '${table.name}' does not have` : `table '${table.name}', which has no single-column primary key; give ref_field`);
  return { ...spec, reference: { ...ref, table: table.name, field } };
}

/** The `field` array of a table descriptor; undefined when absent. */
function fieldInputs(input: Input, table: string): Input[] | undefined {
  if (!has(input, 'field')) return undefined;
  const list = input.field;
  if (!Array.isArray(list) || !list.every((f) => typeof f === 'object' && f !== null && !Array.isArray(f))) {
    throw invalid('field', `Property 'field' of table '${table}' must be a list of field objects.`);
  }
  const names = new Set<string>();
  for (const f of list as Input[]) {
    const name = typeof f.name === 'string' ? f.name.toLowerCase() : '';
    if (name && names.has(name)) throw invalid(String(f.name), `Field '${printable(f.name)}' is listed twice.`);
    names.add(name);
  }
  return list as Input[];
}

/** A plan creating table `name` (a checked new name) from a table descriptor. */
export function planNewTable(name: string, input: Input, ctx: PlanContext): TablePlan {
  const inputs = fieldInputs(input, name) ?? [];
  const parsed = inputs.map((f) => parseField(checkNewName('field', f.name), f, ctx.engine));
  const specs = parsed.map((s) => resolveReference(s, ctx, { table: name, fields: parsed }));
  return {
    table: name,
    action: 'create',
    statements: createTableStatements(name, specs, ctx.engine),
    fields: specs.map((s, i) => ({ name: s.name, action: 'create', statements: [], extras: readFieldExtras(inputs[i] ?? {}, s.name), type: s.type })),
    extras: readTableExtras(input, name),
  };
}

/** A column as a field descriptor, the base a request's properties are laid over. */
function columnAsInput(column: ColumnSchema, type: SimpleType): Input {
  return {
    type, length: column.length, precision: column.precision, scale: column.scale,
    fixed_length: /^(char|character|bpchar|nchar|binary)(\s*\(|$)/.test(column.dbType),
    allow_null: column.allowNull, default: column.default, is_primary_key: column.isPrimaryKey, auto_increment: column.autoIncrement,
    is_unique: column.isUnique, is_index: column.isIndex,
    ref_table: column.refTable, ref_field: column.refField, ref_on_update: column.refOnUpdate, ref_on_delete: column.refOnDelete,
  };
}

function overlay(base: Input, request: Input): Input {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(request)) if (value !== undefined) merged[key] = value;
  if (has(request, 'db_type') && !has(request, 'type')) delete merged.type;
  // The column's index came with its unique constraint; dropping that drops the index too.
  if (has(request, 'is_unique') && !has(request, 'is_index') && base.is_unique === true) merged.is_index = false;
  if (has(request, 'ref_table') && !has(request, 'ref_field')) merged.ref_field = null;
  if (has(request, 'ref_table') && request.ref_table === null && !has(request, 'type') && base.type === 'reference') merged.type = 'integer';
  return merged;
}

/** Adds a field to `table`, or alters the existing one of that name (`name` overrides the body's). */
export function planField(table: TableSchema, input: Input, ctx: PlanContext, name?: unknown): FieldPlan {
  const requested = name ?? input.name;
  const column = typeof requested === 'string' ? findColumn(table, requested) : undefined;
  const extras = (field: string) => readFieldExtras(input, field);
  if (!column) {
    const spec = resolveReference(parseField(checkNewName('field', requested), input, ctx.engine), ctx);
    return { name: spec.name, action: 'create', statements: addColumnStatements(table, spec, ctx.engine), extras: extras(spec.name), type: spec.type };
  }
  const current = ctx.typeOf(table.name, column);
  const baseInput = columnAsInput(column, current);
  const base = parseField(column.name, baseInput, ctx.engine, { keepUnknownDefaults: true, trustDefaults: true });
  const target = resolveReference(parseField(column.name, overlay(baseInput, input), ctx.engine, { keepUnknownDefaults: !has(input, 'default') }), ctx);
  const typed = has(input, 'type') || has(input, 'db_type');
  return {
    name: column.name,
    action: 'alter',
    statements: alterColumnStatements(table, column, base, target, ctx.engine),
    extras: extras(column.name),
    type: typed ? target.type : current,
  };
}

/**
 * 409 when another table's foreign key points at the table (or at its column). PostgreSQL and
 * MySQL refuse such drops themselves; SQLite would let them pass and leave dangling keys
 * (https://www.sqlite.org/foreignkeys.html#fk_schemacommands), so the check is made for all.
 */
export function checkNotReferenced(tables: readonly TableSchema[], table: string, column?: string): void {
  const referencing = tables.find((t) => t.name !== table && t.foreignKeys.some((f) => f.refTable === table && (column === undefined || f.refColumns.includes(column))));
  if (referencing) {
    const what = column === undefined ? `Table '${table}'` : `Field '${column}' of table '${table}'`;
    throw new AppError('CONFLICT', `${what} is still referenced by table '${referencing.name}'.`);
  }
}

/** Drops a column; 404 FIELD_NOT_FOUND when the table has none of that name. */
export function planDropField(table: TableSchema, name: string, ctx: PlanContext): FieldPlan {
  const column = findColumn(table, name);
  if (!column) throw fieldNotFound(table.name);
  checkNotReferenced(ctx.tables, table.name, column.name);
  const indexes = ctx.indexesOf?.(table.name, column.name) ?? [];
  return { name: column.name, action: 'drop', statements: dropColumnStatements(table, column.name, ctx.engine, indexes), extras: {}, type: null };
}

export function fieldNotFound(table: string): AppError {
  return new AppError('FIELD_NOT_FOUND', `No requested fields found in table '${table}'.`);
}

/**
 * Changes to an existing table from a table descriptor: listed fields are added or altered; with
 * `replace` (PUT) and a `field` list, columns not listed are dropped.
 */
export function planTableChanges(table: TableSchema, input: Input, ctx: PlanContext, replace: boolean): TablePlan {
  const inputs = fieldInputs(input, table.name);
  const fields = (inputs ?? []).map((f) => planField(table, f, ctx));
  if (replace && inputs) {
    if (inputs.length === 0) throw invalid('field', `Table '${table.name}' needs at least one field.`);
    const kept = new Set(fields.map((f) => f.name));
    for (const column of table.columns) if (!kept.has(column.name)) fields.push(planDropField(table, column.name, ctx));
  }
  // Drops first: a replaced table may drop a column a new one takes the place of.
  const ordered = [...fields.filter((f) => f.action === 'drop'), ...fields.filter((f) => f.action !== 'drop')];
  return { table: table.name, action: 'alter', statements: ordered.flatMap((f) => f.statements), fields: ordered, extras: readTableExtras(input, table.name) };
}
