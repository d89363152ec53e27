import { AppError } from '../../../common/errors';
import type { DialectName } from '../../dialect/dialect';
import type { ColumnSchema, TableSchema } from '../../schema-cache/schema.types';
import { ident, joinParts, type Part } from '../../sql/parts';
import {
  columnDefinition, createIndex, foreignKeyConstraint, needsIndex, sqlType, uniqueConstraint, type Statement,
} from './create-table';
import { invalid } from './field-input';
import type { DefaultSpec, FieldSpec, ReferenceSpec } from './field-spec';
import { defaultFunction, sqlLiteral } from './literals';
import { constraintName } from './names';

/**
 * ALTER TABLE statements for adding, altering and dropping one column. Altering compares the
 * column as it is (`base`, a FieldSpec read back from the schema) with what the request asks for
 * (`target`) and writes only the differences. SQLite cannot alter a column's type, nullability,
 * default or key (https://www.sqlite.org/lang_altertable.html): those changes are 400
 * FEATURE_UNSUPPORTED; its indexes can change.
 */
const alterTable = (table: string): Part[] => ['ALTER TABLE ', ident(table), ' '];

const sameColumns = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((c, i) => c.toLowerCase() === b[i]?.toLowerCase());

function sameDefault(a: DefaultSpec, b: DefaultSpec): boolean {
  // DEFAULT NULL and no default are the same to every engine.
  const key = (d: DefaultSpec): string => (d.kind === 'value' && d.value === null ? 'none' : d.kind === 'value' ? `v:${Buffer.isBuffer(d.value) ? d.value.toString('hex') : String(d.value)}` : d.kind === 'function' ? `f:${d.fn}` : d.kind === 'opaque' ? `o:${d.text}` : 'none');
  return key(a) === key(b);
}

function sameReference(a: ReferenceSpec | null, b: ReferenceSpec | null): boolean {
  if (!a || !b) return a === b;
  return a.table.toLowerCase() === b.table.toLowerCase() && (a.field ?? '').toLowerCase() === (b.field ?? '').toLowerCase()
    && (a.onUpdate ?? 'NO ACTION') === (b.onUpdate ?? 'NO ACTION') && (a.onDelete ?? 'NO ACTION') === (b.onDelete ?? 'NO ACTION');
}

/** Statements adding `spec` to an existing table. */
export function addColumnStatements(table: TableSchema, spec: FieldSpec, engine: DialectName): Statement[] {
  if (spec.isPrimaryKey && table.primaryKey.length > 0) throw invalid(spec.name, `Table '${table.name}' already has a primary key.`);
  const t = table.name;
  if (engine === 'sqlite') return addSqliteColumn(table, spec);
  const column = columnDefinition(spec, engine, { primaryKey: spec.isPrimaryKey });
  if (engine === 'mysql') {
    const clauses: Part[][] = [['ADD COLUMN ', ...column]];
    if (spec.isUnique) clauses.push(['ADD ', ...uniqueConstraint(t, spec.name, engine)]);
    if (needsIndex(spec)) clauses.push(['ADD KEY ', ident(constraintName('ndx', t, [spec.name])), ' (', ident(spec.name), ')']);
    if (spec.reference) clauses.push(['ADD ', ...foreignKeyConstraint(t, { ...spec, reference: spec.reference })]);
    return [[...alterTable(t), ...joinParts(clauses, ', ')]];
  }
  const statements: Statement[] = [[...alterTable(t), 'ADD COLUMN ', ...column]];
  if (spec.isUnique) statements.push([...alterTable(t), 'ADD ', ...uniqueConstraint(t, spec.name, engine)]);
  if (spec.reference) statements.push([...alterTable(t), 'ADD ', ...foreignKeyConstraint(t, { ...spec, reference: spec.reference })]);
  if (needsIndex(spec)) statements.push(createIndex(t, spec.name, false));
  return statements;
}

function addSqliteColumn(table: TableSchema, spec: FieldSpec): Statement[] {
  if (spec.isPrimaryKey) throw new AppError('FEATURE_UNSUPPORTED', `SQLite cannot add the primary key field '${spec.name}' to an existing table.`);
  let column = spec;
  if (spec.default.kind === 'function') {
    // The records API sets automatic timestamps on writes, so a nullable one needs no default here.
    const automatic = spec.type === 'timestamp_on_create' || spec.type === 'timestamp_on_update';
    if (!automatic || !spec.allowNull) {
      throw new AppError('FEATURE_UNSUPPORTED', `SQLite cannot add field '${spec.name}' with a non-constant default to an existing table${automatic ? ' unless it allows null' : ''}.`);
    }
    column = { ...spec, default: { kind: 'none' } };
  }
  const hasDefault = column.default.kind === 'value' && column.default.value !== null;
  if (!column.allowNull && !hasDefault) {
    throw invalid(spec.name, `Field '${spec.name}' needs a default or allow_null to be added to an existing table.`);
  }
  const statements: Statement[] = [[...alterTable(table.name), 'ADD COLUMN ', ...columnDefinition(column, 'sqlite', { primaryKey: false, inlineReference: true })]];
  if (spec.isUnique) statements.push(createIndex(table.name, spec.name, true));
  if (needsIndex(spec)) statements.push(createIndex(table.name, spec.name, false));
  return statements;
}

interface Diff {
  readonly type: boolean;
  readonly nullability: boolean;
  readonly default: boolean;
  readonly unique: boolean;
  readonly addIndex: boolean;
  readonly dropIndex: boolean;
  readonly reference: boolean;
}

function diff(base: FieldSpec, target: FieldSpec, engine: DialectName): Diff {
  if (base.isPrimaryKey !== target.isPrimaryKey || base.autoIncrement !== target.autoIncrement) {
    throw new AppError('FEATURE_UNSUPPORTED', `Changing the primary key or auto-increment of field '${base.name}' is not supported.`);
  }
  const wantsIndex = needsIndex(target);
  return {
    type: sqlType(base, engine).toLowerCase() !== sqlType(target, engine).toLowerCase(),
    nullability: base.allowNull !== target.allowNull,
    default: !sameDefault(base.default, target.default),
    unique: base.isUnique !== target.isUnique,
    // A column indexed only through the unique constraint being dropped needs its own index.
    addIndex: wantsIndex && (!base.isIndex || (base.isUnique && !target.isUnique)),
    dropIndex: !wantsIndex && base.isIndex && !base.isUnique && !target.isIndex && !target.isUnique && !target.isPrimaryKey && !base.reference,
    reference: !sameReference(base.reference, target.reference),
  };
}

// PostgreSQL's serial types are not types: an id column keeps its sequence and changes integer type.
const PG_SERIAL: Readonly<Record<string, string>> = { serial: 'integer', bigserial: 'bigint', smallserial: 'smallint' };

function setDefault(t: string, spec: FieldSpec, engine: DialectName): Statement {
  const d = spec.default;
  const column = [...alterTable(t), 'ALTER COLUMN ', ident(spec.name)];
  if (d.kind === 'none' || (d.kind === 'value' && d.value === null)) return [...column, ' DROP DEFAULT'];
  if (d.kind === 'opaque') throw new AppError('FEATURE_UNSUPPORTED', `The default of field '${spec.name}' cannot be declared again through this API.`);
  return [...column, ' SET DEFAULT ', d.kind === 'value' ? sqlLiteral(d.value, spec.type, engine) : defaultFunction(d.fn, engine)];
}

const uniquesOf = (table: TableSchema, column: string) => table.uniques.filter((u) => sameColumns(u.columns, [column]));
const foreignKeysOf = (table: TableSchema, column: string) => table.foreignKeys.filter((f) => f.columns.some((c) => c.toLowerCase() === column.toLowerCase()));

function alterPostgres(table: TableSchema, base: FieldSpec, target: FieldSpec, d: Diff): Statement[] {
  const t = table.name;
  const out: Statement[] = [];
  const column = (sql: string, ...rest: Part[]): Statement => [...alterTable(t), 'ALTER COLUMN ', ident(target.name), sql, ...rest];
  if (d.reference) for (const fk of foreignKeysOf(table, target.name)) out.push([...alterTable(t), 'DROP CONSTRAINT ', ident(fk.name)]);
  if (d.type) {
    const type = sqlType(target, 'postgres');
    const plain = PG_SERIAL[type] ?? type;
    if (base.default.kind !== 'none') out.push(column(' DROP DEFAULT'));
    out.push(column(` TYPE ${plain} USING `, ident(target.name), `::${plain}`));
  }
  if (d.nullability) out.push(column(target.allowNull ? ' DROP NOT NULL' : ' SET NOT NULL'));
  const hasDefault = target.default.kind !== 'none' && !(target.default.kind === 'value' && target.default.value === null);
  if (d.default || (d.type && hasDefault)) out.push(setDefault(t, target, 'postgres'));
  if (d.unique && target.isUnique) out.push([...alterTable(t), 'ADD ', ...uniqueConstraint(t, target.name, 'postgres')]);
  if (d.unique && !target.isUnique) {
    for (const u of uniquesOf(table, target.name)) out.push([...alterTable(t), 'DROP CONSTRAINT IF EXISTS ', ident(u.name)], ['DROP INDEX IF EXISTS ', ident(u.name)]);
  }
  if (d.addIndex) out.push(createIndex(t, target.name, false));
  if (d.dropIndex) out.push(['DROP INDEX IF EXISTS ', ident(constraintName('ndx', t, [target.name]))]);
  if (d.reference && target.reference) out.push([...alterTable(t), 'ADD ', ...foreignKeyConstraint(t, { ...target, reference: target.reference })]);
  return out;
}

function alterMysql(table: TableSchema, current: ColumnSchema, target: FieldSpec, d: Diff): Statement[] {
  const t = table.name;
  const out: Statement[] = [];
  if (d.reference) for (const fk of foreignKeysOf(table, target.name)) out.push([...alterTable(t), 'DROP FOREIGN KEY ', ident(fk.name)]);
  const clauses: Part[][] = [];
  if (d.type || d.nullability || d.default) {
    // MODIFY restates the whole column; an unchanged type is restated as the server reports it.
    const restated = d.type ? target : { ...target, rawType: current.dbType };
    clauses.push(['MODIFY COLUMN ', ...columnDefinition(restated, 'mysql', { primaryKey: false })]);
  }
  if (d.unique && target.isUnique) clauses.push(['ADD ', ...uniqueConstraint(t, target.name, 'mysql')]);
  if (d.unique && !target.isUnique) for (const u of uniquesOf(table, target.name)) clauses.push(['DROP INDEX ', ident(u.name)]);
  if (d.addIndex) clauses.push(['ADD KEY ', ident(constraintName('ndx', t, [target.name])), ' (', ident(target.name), ')']);
  if (d.dropIndex) clauses.push(['DROP INDEX ', ident(constraintName('ndx', t, [target.name]))]);
  if (d.reference && target.reference) clauses.push(['ADD ', ...foreignKeyConstraint(t, { ...target, reference: target.reference })]);
  if (clauses.length > 0) out.push([...alterTable(t), ...joinParts(clauses, ', ')]);
  return out;
}

function alterSqlite(table: TableSchema, target: FieldSpec, d: Diff): Statement[] {
  if (d.type || d.nullability || d.default || d.reference) throw new AppError('FEATURE_UNSUPPORTED', `SQLite cannot alter column '${target.name}'.`);
  const t = table.name;
  const out: Statement[] = [];
  if (d.unique && target.isUnique) out.push(createIndex(t, target.name, true));
  if (d.unique && !target.isUnique) {
    for (const u of uniquesOf(table, target.name)) {
      if (u.name.startsWith('sqlite_autoindex_')) throw new AppError('FEATURE_UNSUPPORTED', `SQLite cannot alter column '${target.name}'.`);
      out.push(['DROP INDEX ', ident(u.name)]);
    }
  }
  if (d.addIndex) out.push(createIndex(t, target.name, false));
  if (d.dropIndex) out.push(['DROP INDEX IF EXISTS ', ident(constraintName('ndx', t, [target.name]))]);
  return out;
}

/**
 * Statements turning column `base` (as it is) into `target`; [] when nothing in the database changes.
 * References of both are resolved.
 */
export function alterColumnStatements(table: TableSchema, current: ColumnSchema, base: FieldSpec, target: FieldSpec, engine: DialectName): Statement[] {
  const d = diff(base, target, engine);
  if (engine === 'postgres') return alterPostgres(table, base, target, d);
  if (engine === 'mysql') return alterMysql(table, current, target, d);
  return alterSqlite(table, target, d);
}

/**
 * Statements dropping a column: MySQL needs its foreign keys dropped first, SQLite its indexes
 * (`indexes`: the named indexes that include the column).
 */
export function dropColumnStatements(table: TableSchema, column: string, engine: DialectName, indexes: readonly string[] = []): Statement[] {
  const out: Statement[] = [];
  if (engine === 'mysql') for (const fk of foreignKeysOf(table, column)) out.push([...alterTable(table.name), 'DROP FOREIGN KEY ', ident(fk.name)]);
  if (engine === 'sqlite') for (const name of indexes) out.push(['DROP INDEX IF EXISTS ', ident(name)]);
  out.push([...alterTable(table.name), 'DROP COLUMN ', ident(column)]);
  return out;
}
