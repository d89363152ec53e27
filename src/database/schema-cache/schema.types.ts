/** Simple (DreamFactory) column types, API.md 3.15. */
export type SimpleType =
  | 'id' | 'bigid' | 'smallid' | 'mediumid'
  | 'integer' | 'tinyint' | 'smallint' | 'mediumint' | 'bigint'
  | 'reference' | 'user_id' | 'user_id_on_create' | 'user_id_on_update'
  | 'boolean'
  | 'float' | 'double' | 'decimal' | 'money'
  | 'string' | 'text' | 'mediumtext' | 'longtext'
  | 'date' | 'time' | 'timetz' | 'datetime' | 'datetimetz' | 'timestamp' | 'timestamptz'
  | 'timestamp_on_create' | 'timestamp_on_update'
  | 'json' | 'jsonb' | 'binary' | 'uuid' | 'timeuuid';

export type ReferentialAction = 'NO ACTION' | 'RESTRICT' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT';

/** One column as introspected from the live database. */
export interface ColumnSchema {
  readonly name: string;
  readonly type: SimpleType;
  /** The declared type, lower-cased (`varchar(255)`, `int unsigned`). */
  readonly dbType: string;
  readonly length: number | null;
  readonly precision: number | null;
  readonly scale: number | null;
  readonly allowNull: boolean;
  /** Default as the database reports it, typed where it is a literal; expressions as `{expression}`. */
  readonly default: unknown;
  readonly autoIncrement: boolean;
  readonly isPrimaryKey: boolean;
  readonly isUnique: boolean;
  readonly isIndex: boolean;
  readonly isForeignKey: boolean;
  readonly refTable: string | null;
  readonly refField: string | null;
  readonly refOnUpdate: ReferentialAction | null;
  readonly refOnDelete: ReferentialAction | null;
}

export interface ForeignKeySchema {
  readonly name: string;
  readonly columns: readonly string[];
  readonly refTable: string;
  readonly refColumns: readonly string[];
  readonly onUpdate: ReferentialAction;
  readonly onDelete: ReferentialAction;
}

export interface UniqueConstraintSchema {
  readonly name: string;
  readonly columns: readonly string[];
}

export interface TableSchema {
  readonly name: string;
  readonly isView: boolean;
  /** Columns in declared order. */
  readonly columns: readonly ColumnSchema[];
  readonly primaryKey: readonly string[];
  /** Name of the primary-key constraint (`contact_pkey`, `PRIMARY`), for descriptors; null when none or unnamed. */
  readonly primaryKeyName?: string | null;
  readonly foreignKeys: readonly ForeignKeySchema[];
  readonly uniques: readonly UniqueConstraintSchema[];
  /** Changes whenever this table's schema is re-read; keys caches of compiled statements. */
  readonly version: number;
}

/**
 * A nullable, non-key, non-generated column with no default; `overrides` say what differs.
 * For schemas the server builds itself (system resources, routine parameters, tests).
 * @example plainColumn({ name: 'age', type: 'integer' })  // dbType 'integer', allowNull true, …
 */
export function plainColumn(overrides: Partial<ColumnSchema> & Pick<ColumnSchema, 'name' | 'type'>): ColumnSchema {
  return {
    dbType: overrides.type, length: null, precision: null, scale: null, allowNull: true, default: null,
    autoIncrement: false, isPrimaryKey: false, isUnique: false, isIndex: false, isForeignKey: false,
    refTable: null, refField: null, refOnUpdate: null, refOnDelete: null,
    ...overrides,
  };
}

/**
 * Resolves a name against the table's columns: exact spelling first, then case-insensitively
 * when only one column matches that way (API.md 2.10).
 */
export function findColumn(table: TableSchema, name: string): ColumnSchema | undefined {
  const exact = table.columns.find((c) => c.name === name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  const matches = table.columns.filter((c) => c.name.toLowerCase() === lower);
  return matches.length === 1 ? matches[0] : undefined;
}
