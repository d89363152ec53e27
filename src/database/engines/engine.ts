import { mysql, postgres, sqlite, type DialectName } from '../dialect';
import type { TableSchema } from '../schema-cache/schema.types';
import type { EngineFeatures, SqlTarget } from '../sql/target';
import type { ErrorContext, TranslatedError } from './errors.common';
import type { QueryFn } from './executor';
import { introspectMysql, type MysqlFlavor } from './mysql.introspect';
import { translateMysqlError } from './mysql.errors';
import { mysqlJsonArray, mysqlJsonEmbed, mysqlJsonRecords, mysqlRowValue } from './mysql.output';
import { introspectPostgres } from './postgres.introspect';
import { translatePostgresError } from './postgres.errors';
import { postgresCanBuildJson, postgresJsonArray, postgresJsonEmbed, postgresJsonRecords, postgresJsonRows, postgresRowValue } from './postgres.output';
import { introspectSqlite } from './sqlite.introspect';
import { translateSqliteError } from './sqlite.errors';
import { sqliteCanBuildJson, sqliteJsonArray, sqliteJsonEmbed, sqliteJsonRecords, sqliteRowValue } from './sqlite.output';

/**
 * Everything vendor-specific about one database engine: its dialect, what SQL it can run
 * (features), how it prints values (SqlTarget), how its catalog is read and how its errors
 * translate. No I/O of its own: statements run through an Executor.
 */
export interface Engine extends SqlTarget {
  readonly name: DialectName;
  /** Tables and views of the service's own schema, sorted by name, `version` 0. */
  introspect(query: QueryFn): Promise<TableSchema[]>;
  /** A driver error in the contract's terms, or undefined for "unknown" (the caller answers 500). */
  translateError(error: unknown, context?: ErrorContext): TranslatedError | undefined;
}

export interface EngineOptions {
  /** PostgreSQL schema of the service (default `public`). */
  readonly schema?: string;
  /** MySQL protocol servers differ in RETURNING and session variables; see detectMysqlFlavor. */
  readonly mysqlFlavor?: MysqlFlavor;
}

// Large enough for any page: GROUP_CONCAT otherwise truncates at 1 MB.
const GROUP_CONCAT_MAX = 4294967295;

function postgresEngine(schema: string): Engine {
  const features: EngineFeatures = { nullsOrdering: true, insertReturning: true, updateReturning: true, deleteReturning: true };
  return {
    name: 'postgres', dialect: postgres, features,
    rowValue: postgresRowValue,
    jsonArray: postgresJsonArray,
    jsonRecords: postgresJsonRecords,
    jsonRows: postgresJsonRows,
    jsonEmbed: (q) => postgresJsonEmbed(q, features),
    canBuildJson: postgresCanBuildJson,
    introspect: (query) => introspectPostgres(query, schema),
    translateError: translatePostgresError,
  };
}

function mysqlEngine(flavor: MysqlFlavor): Engine {
  // MariaDB ≥ 10.5 has INSERT/DELETE … RETURNING (https://mariadb.com/kb/en/insertreturning/); MySQL has none.
  const mariadb = flavor === 'mariadb';
  const features: EngineFeatures = { nullsOrdering: false, insertReturning: mariadb, updateReturning: false, deleteReturning: mariadb };
  const hint = mariadb ? '' : `/*+ SET_VAR(group_concat_max_len = ${GROUP_CONCAT_MAX}) */ `;
  return {
    name: 'mysql', dialect: mysql, features,
    jsonPrefix: mariadb ? `SET STATEMENT group_concat_max_len = ${GROUP_CONCAT_MAX} FOR ` : undefined,
    rowValue: mysqlRowValue,
    jsonArray: (inner, count) => mysqlJsonArray(inner, count, features, hint),
    jsonRecords: (q) => mysqlJsonRecords(q, hint),
    jsonEmbed: (q) => mysqlJsonEmbed(q, features, mariadb),
    canBuildJson: () => true,
    introspect: (query) => introspectMysql(query, flavor),
    translateError: translateMysqlError,
  };
}

function sqliteEngine(): Engine {
  const features: EngineFeatures = { nullsOrdering: true, insertReturning: true, updateReturning: true, deleteReturning: true };
  return {
    name: 'sqlite', dialect: sqlite, features,
    rowValue: sqliteRowValue,
    jsonArray: (inner, count) => sqliteJsonArray(inner, count, features),
    jsonRecords: sqliteJsonRecords,
    jsonEmbed: (q) => sqliteJsonEmbed(q, features),
    canBuildJson: sqliteCanBuildJson,
    introspect: introspectSqlite,
    translateError: translateSqliteError,
  };
}

/**
 * The engine for a service. For MySQL-protocol servers pass the flavor (detectMysqlFlavor);
 * MariaDB is assumed otherwise.
 * @example createEngine('postgres', { schema: 'crm' })
 */
export function createEngine(name: DialectName, options: EngineOptions = {}): Engine {
  if (name === 'postgres') return postgresEngine(options.schema ?? 'public');
  if (name === 'mysql') return mysqlEngine(options.mysqlFlavor ?? 'mariadb');
  return sqliteEngine();
}
