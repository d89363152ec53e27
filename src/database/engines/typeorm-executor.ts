import type { DataSource, QueryRunner } from 'typeorm';
import type { DialectName } from '../dialect/dialect';
import { mysqlExecutor, pgExecutor, sqliteExecutor, type MysqlQueryable, type PgPool, type PgStreamingClient, type SqliteDatabase } from './driver-executors';
import type { Executor } from './executor';

const isQueryRunner = (source: DataSource | QueryRunner): source is QueryRunner => 'release' in source && 'dataSource' in source;

/** DataSource `type` → engine; anything else is not a data-plane engine. */
const ENGINE_BY_TYPE: Readonly<Record<string, DialectName>> = {
  postgres: 'postgres', mysql: 'mysql', mariadb: 'mysql', 'better-sqlite3': 'sqlite',
};

const dataSourceOf = (source: DataSource | QueryRunner): DataSource => (isQueryRunner(source) ? source.dataSource : source);

export function engineOfDataSource(source: DataSource | QueryRunner): DialectName {
  const type = String(dataSourceOf(source).driver.options.type);
  const engine = ENGINE_BY_TYPE[type];
  if (!engine) throw new Error(`Unsupported DataSource type '${type}'.`);
  return engine;
}

interface CallbackMysql {
  promise(): MysqlQueryable;
}


/**
 * An executor over a TypeORM DataSource (its pool) or QueryRunner (its one connection, so the
 * statements join the runner's transaction). It talks to the driver objects TypeORM owns —
 * PostgresDriver.master (pg Pool), MysqlDriver.pool (mysql2), BetterSqlite3Driver.databaseConnection —
 * to get prepared statements and skip TypeORM's per-query bookkeeping on the data plane.
 */
export function executorFromTypeOrm(source: DataSource | QueryRunner): Executor {
  const engine = engineOfDataSource(source);
  const driver = dataSourceOf(source).driver as unknown as { master?: PgPool; pool?: CallbackMysql; databaseConnection?: SqliteDatabase };
  if (engine === 'sqlite') {
    if (!driver.databaseConnection) throw new Error('The SQLite DataSource is not initialized.');
    return sqliteExecutor(driver.databaseConnection);
  }
  if (isQueryRunner(source)) {
    const connection = async (): Promise<unknown> => source.connect() as Promise<unknown>;
    return engine === 'postgres'
      ? pgExecutor(async () => (await connection()) as PgStreamingClient)
      : mysqlExecutor(async () => ((await connection()) as CallbackMysql).promise());
  }
  if (engine === 'postgres') {
    if (!driver.master) throw new Error('The PostgreSQL DataSource is not initialized.');
    return pgExecutor(driver.master);
  }
  if (!driver.pool) throw new Error('The MySQL DataSource is not initialized.');
  return mysqlExecutor(driver.pool.promise());
}
