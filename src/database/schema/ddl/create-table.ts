import { AppError } from '../../../common/errors';
import type { DialectName } from '../../dialect/dialect';
import { ident, joinParts, type Part } from '../../sql/parts';
import { columnType } from './column-type';
import type { FieldSpec, ReferenceSpec } from './field-spec';
import { invalid } from './field-input';
import { defaultFunction, sqlLiteral } from './literals';
import { constraintName } from './names';

/**
 * DDL text for new tables and columns, as parts: identifiers are `ident` parts (quoted by the
 * dialect), types come from the contract's table or a raw type that matched its pattern, defaults
 * are typed literals. FieldSpecs reach here with their references resolved (`field` set).
 */
export type Statement = readonly Part[];

export interface ColumnOptions {
  /** Write PRIMARY KEY on the column (the table's only key column). */
  readonly primaryKey: boolean;
  /** SQLite ADD COLUMN: the foreign key must be a column constraint. */
  readonly inlineReference?: boolean;
}

function defaultClause(spec: FieldSpec, engine: DialectName): string {
  const d = spec.default;
  switch (d.kind) {
    case 'none':
      return '';
    case 'value':
      return ` DEFAULT ${sqlLiteral(d.value, spec.type, engine)}`;
    case 'function':
      return ` DEFAULT ${defaultFunction(d.fn, engine)}`;
    case 'opaque':
      throw new AppError('FEATURE_UNSUPPORTED', `The default of field '${spec.name}' cannot be declared again through this API.`);
  }
}

/** ` REFERENCES "r" ("p") ON DELETE … ON UPDATE …` */
export function referenceClause(reference: ReferenceSpec): Part[] {
  const parts: Part[] = [' REFERENCES ', ident(reference.table), ' (', ident(reference.field ?? ''), ')'];
  if (reference.onDelete) parts.push(` ON DELETE ${reference.onDelete}`);
  if (reference.onUpdate) parts.push(` ON UPDATE ${reference.onUpdate}`);
  return parts;
}

/** The SQL type of a column: a raw type as given, else API.md 3.15.3. */
export const sqlType = (spec: FieldSpec, engine: DialectName): string => spec.rawType ?? columnType(spec, engine);

/**
 * One column definition.
 * @example columnDefinition(idSpec, 'mysql', { primaryKey: true })  // ['`id`' …] → `id` int NOT NULL AUTO_INCREMENT PRIMARY KEY
 */
export function columnDefinition(spec: FieldSpec, engine: DialectName, options: ColumnOptions): Part[] {
  const parts: Part[] = [ident(spec.name), ' '];
  if (spec.autoIncrement) {
    if (engine === 'sqlite') {
      if (!options.primaryKey) throw invalid(spec.name, `Field '${spec.name}' can be auto-increment only as the single primary key.`);
      return [...parts, 'INTEGER PRIMARY KEY AUTOINCREMENT'];
    }
    const type = sqlType(spec, engine);
    const key = options.primaryKey ? ' PRIMARY KEY' : '';
    return [...parts, engine === 'mysql' ? `${type} NOT NULL AUTO_INCREMENT${key}` : `${type}${key || ' NOT NULL'}`];
  }
  parts.push(sqlType(spec, engine), spec.allowNull ? ' NULL' : ' NOT NULL', defaultClause(spec, engine));
  if (engine === 'mysql' && spec.type === 'timestamp_on_update') parts.push(' ON UPDATE CURRENT_TIMESTAMP');
  if (options.primaryKey) parts.push(' PRIMARY KEY');
  if (options.inlineReference && spec.reference) parts.push(...referenceClause(spec.reference));
  return parts;
}

/** `CONSTRAINT "fk_t_c" FOREIGN KEY ("c") REFERENCES "r" ("p") …` */
export function foreignKeyConstraint(table: string, spec: FieldSpec & { reference: ReferenceSpec }): Part[] {
  return ['CONSTRAINT ', ident(constraintName('fk', table, [spec.name])), ' FOREIGN KEY (', ident(spec.name), ')', ...referenceClause(spec.reference)];
}

/** PostgreSQL / MySQL table constraint for a unique column. */
export function uniqueConstraint(table: string, column: string, engine: DialectName): Part[] {
  const name = ident(constraintName('undx', table, [column]));
  return engine === 'mysql' ? ['UNIQUE KEY ', name, ' (', ident(column), ')'] : ['CONSTRAINT ', name, ' UNIQUE (', ident(column), ')'];
}

/** `CREATE [UNIQUE] INDEX "ndx_t_c" ON "t" ("c")` */
export function createIndex(table: string, column: string, unique: boolean): Statement {
  const name = constraintName(unique ? 'undx' : 'ndx', table, [column]);
  return [unique ? 'CREATE UNIQUE INDEX ' : 'CREATE INDEX ', ident(name), ' ON ', ident(table), ' (', ident(column), ')'];
}

/** Columns that get a plain index: asked for, or a foreign key (PostgreSQL and SQLite do not index those by themselves). */
export const needsIndex = (spec: FieldSpec): boolean => (spec.isIndex || spec.reference !== null) && !spec.isUnique && !spec.isPrimaryKey;

function checkTable(table: string, fields: readonly FieldSpec[]): FieldSpec[] {
  if (fields.length === 0) throw new AppError('VALUE_INVALID', `Table '${table}' needs at least one field.`, { field: [`Table '${table}' needs at least one field.`] });
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.name.toLowerCase())) throw invalid(f.name, `Field '${f.name}' is listed twice.`);
    seen.add(f.name.toLowerCase());
  }
  const key = fields.filter((f) => f.isPrimaryKey);
  if (key.length > 1 && key.some((f) => f.autoIncrement)) {
    throw invalid(key[0]?.name ?? table, `Table '${table}' can have an auto-increment field only as its single primary key.`);
  }
  return key;
}

/**
 * CREATE TABLE with its keys, then the indexes the engine cannot declare inline. On MySQL
 * everything is one statement (MySQL commits each DDL statement, so one statement is atomic).
 * @example createTableStatements('todo', [idSpec, titleSpec], 'postgres')
 *   // [['CREATE TABLE ', {ident:'todo'}, ' (', {ident:'id'}, ' serial PRIMARY KEY', ', ', {ident:'title'}, ' varchar(120) NOT NULL', ')']]
 */
export function createTableStatements(table: string, fields: readonly FieldSpec[], engine: DialectName): Statement[] {
  const key = checkTable(table, fields);
  const items: Part[][] = fields.map((f) => columnDefinition(f, engine, { primaryKey: key.length === 1 && f.isPrimaryKey }));
  if (key.length > 1) items.push(['PRIMARY KEY (', ...joinParts(key.map((f) => [ident(f.name)]), ', '), ')']);
  if (engine !== 'sqlite') for (const f of fields) if (f.isUnique) items.push(uniqueConstraint(table, f.name, engine));
  if (engine === 'mysql') for (const f of fields) if (needsIndex(f)) items.push(['KEY ', ident(constraintName('ndx', table, [f.name])), ' (', ident(f.name), ')']);
  for (const f of fields) if (f.reference) items.push(foreignKeyConstraint(table, { ...f, reference: f.reference }));
  const statements: Statement[] = [['CREATE TABLE ', ident(table), ' (', ...joinParts(items, ', '), ')']];
  if (engine === 'sqlite') for (const f of fields) if (f.isUnique) statements.push(createIndex(table, f.name, true));
  if (engine !== 'mysql') for (const f of fields) if (needsIndex(f)) statements.push(createIndex(table, f.name, false));
  return statements;
}

/** `DROP TABLE "t"` */
export function dropTableStatement(table: string): Statement {
  return ['DROP TABLE ', ident(table)];
}
