import type { TableSchema } from '../schema-cache/schema.types';
import type { QueryFn } from './executor';
import { assembleTables, type RawColumn, type RawForeignKey, type RawIndex } from './introspection';
import { NUMERIC_LITERAL, referentialAction, unquoteLiteral, type DefaultExpression } from './simple-type';

export type MysqlFlavor = 'mariadb' | 'mysql';

/**
 * MySQL/MariaDB introspection of the current database in five information_schema queries.
 * Aliased lower-case: MySQL 8 returns information_schema column names upper-case.
 */
const TABLES = `SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()`;

const COLUMNS = `SELECT TABLE_NAME AS table_name, COLUMN_NAME AS name, COLUMN_TYPE AS column_type, DATA_TYPE AS data_type,
  IS_NULLABLE AS nullable, COLUMN_DEFAULT AS dflt, EXTRA AS extra, CHARACTER_MAXIMUM_LENGTH AS length,
  NUMERIC_PRECISION AS \`precision\`, NUMERIC_SCALE AS scale
FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION`;

const INDEXES = `SELECT TABLE_NAME AS table_name, INDEX_NAME AS name, NON_UNIQUE AS non_unique, COLUMN_NAME AS column_name
FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`;

const FOREIGN_KEYS = `SELECT k.TABLE_NAME AS table_name, k.CONSTRAINT_NAME AS name, k.COLUMN_NAME AS column_name,
  k.REFERENCED_TABLE_NAME AS ref_table, k.REFERENCED_COLUMN_NAME AS ref_column, r.UPDATE_RULE AS on_update, r.DELETE_RULE AS on_delete
FROM information_schema.KEY_COLUMN_USAGE k
JOIN information_schema.REFERENTIAL_CONSTRAINTS r
  ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME
WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL
ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`;

// MariaDB's JSON is LONGTEXT plus CHECK (json_valid(col)): https://mariadb.com/kb/en/json-data-type/
const JSON_CHECKS = `SELECT TABLE_NAME AS table_name, CHECK_CLAUSE AS clause FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = DATABASE() AND CHECK_CLAUSE LIKE 'json_valid(%'`;

const LENGTH_TYPES = new Set(['char', 'varchar', 'binary', 'varbinary']);
const CURRENT_TIMESTAMP = /^current_timestamp(\(\d*\))?$/i;

/**
 * COLUMN_DEFAULT: MariaDB ≥ 10.2.7 quotes literals and writes a NULL default as `NULL`; MySQL 8
 * writes literals bare and flags expressions with EXTRA `DEFAULT_GENERATED`.
 */
export function mysqlDefault(value: unknown, extra: string, flavor: MysqlFlavor): string | null | DefaultExpression {
  if (value === null || value === undefined) return null;
  const text = String(value);
  if (flavor === 'mysql') {
    return /DEFAULT_GENERATED/i.test(extra) || CURRENT_TIMESTAMP.test(text) ? { expression: text } : text;
  }
  if (text === 'NULL') return null;
  const literal = unquoteLiteral(text);
  if (literal !== undefined) return literal.replace(/\\\\/g, '\\');
  return NUMERIC_LITERAL.test(text) ? text : { expression: text };
}

const str = (v: unknown): string => String(v);

function column(r: Record<string, unknown>, flavor: MysqlFlavor, jsonColumns: Set<string>): RawColumn {
  const table = str(r.table_name);
  const extra = str(r.extra ?? '');
  const dataType = str(r.data_type).toLowerCase();
  const dflt = mysqlDefault(r.dflt, extra, flavor);
  const onCreate = dataType === 'timestamp' && dflt !== null && typeof dflt === 'object' && CURRENT_TIMESTAMP.test(dflt.expression);
  const isJson = jsonColumns.has(`${table}.${str(r.name)}`);
  return {
    table,
    name: str(r.name),
    dbType: isJson ? 'json' : str(r.column_type).toLowerCase(),
    allowNull: r.nullable === 'YES',
    default: dflt,
    autoIncrement: /auto_increment/i.test(extra),
    length: LENGTH_TYPES.has(dataType) && r.length !== null ? Number(r.length) : null,
    precision: dataType === 'decimal' && r.precision !== null ? Number(r.precision) : null,
    scale: dataType === 'decimal' && r.scale !== null ? Number(r.scale) : null,
    mysqlAutoTimestamp: onCreate ? (/on update current_timestamp/i.test(extra) ? 'update' : 'create') : undefined,
  };
}

function collect<T>(rows: readonly Record<string, unknown>[], keyOf: (r: Record<string, unknown>) => string, start: (r: Record<string, unknown>) => T, add: (item: T, r: Record<string, unknown>) => void): T[] {
  const byKey = new Map<string, T>();
  for (const r of rows) {
    const key = keyOf(r);
    let item = byKey.get(key);
    if (!item) byKey.set(key, (item = start(r)));
    add(item, r);
  }
  return [...byKey.values()];
}

export async function introspectMysql(query: QueryFn, flavor: MysqlFlavor): Promise<TableSchema[]> {
  const [tables, columns, indexes, fks, checks] = await Promise.all([
    query(TABLES), query(COLUMNS), query(INDEXES), query(FOREIGN_KEYS), query(JSON_CHECKS),
  ]);
  const jsonColumns = new Set(checks.map((r) => `${str(r.table_name)}.${/json_valid\(`((?:[^`]|``)+)`\)/i.exec(str(r.clause))?.[1]?.replace(/``/g, '`') ?? ''}`));
  const rawIndexes = collect(
    indexes.filter((r) => r.column_name !== null),
    (r) => `${str(r.table_name)}\u0000${str(r.name)}`,
    (r): RawIndex & { columns: string[] } => ({
      table: str(r.table_name), name: str(r.name), primary: r.name === 'PRIMARY', unique: Number(r.non_unique) === 0, columns: [],
    }),
    (item, r) => item.columns.push(str(r.column_name)),
  );
  const rawFks = collect(
    fks,
    (r) => `${str(r.table_name)}\u0000${str(r.name)}`,
    (r): RawForeignKey & { columns: string[]; refColumns: string[] } => ({
      table: str(r.table_name), name: str(r.name), refTable: str(r.ref_table), columns: [], refColumns: [],
      onUpdate: referentialAction(r.on_update), onDelete: referentialAction(r.on_delete),
    }),
    (item, r) => {
      item.columns.push(str(r.column_name));
      item.refColumns.push(str(r.ref_column));
    },
  );
  return assembleTables('mysql', {
    tables: tables.map((r) => ({ name: str(r.name), isView: r.type === 'VIEW' })),
    columns: columns.map((r) => column(r, flavor, jsonColumns)),
    indexes: rawIndexes,
    foreignKeys: rawFks,
  });
}

/** `10.11.19-MariaDB-…` → mariadb; anything else is MySQL. */
export async function detectMysqlFlavor(query: QueryFn): Promise<MysqlFlavor> {
  const [row] = await query('SELECT VERSION() AS version');
  return /mariadb/i.test(String(row?.version ?? '')) ? 'mariadb' : 'mysql';
}
