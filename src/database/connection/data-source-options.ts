import { isAbsolute, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../../config';
import { SQLITE_BASE64_FUNCTION } from '../engines/sqlite.output';

interface SqliteConnection {
  pragma(text: string): unknown;
  function(name: string, options: { deterministic: boolean }, fn: (value: unknown) => unknown): unknown;
}

const base64 = (value: unknown): string | null =>
  value === null || value === undefined ? null : (Buffer.isBuffer(value) ? value : Buffer.from(String(value))).toString('base64');

/** What a data service connects with (decrypted config of API.md 4.2). */
export interface DataServiceConfig {
  readonly type: 'sqlite' | 'pgsql' | 'mysql';
  readonly database: string;
  readonly host?: string;
  readonly port?: number;
  readonly username?: string | null;
  readonly password?: string | null;
  readonly schema?: string;
  readonly ssl?: boolean | 'no-verify';
}

/** The SQLite file of a service: inside STORAGE_DIR unless the operator gave an absolute path. */
export function sqlitePath(database: string, storageDir: string): string {
  if (database === ':memory:') return database;
  return isAbsolute(database) ? database : resolve(storageDir, database);
}

/**
 * TypeORM options of a data service: a pool of `DB_POOL_SIZE`, the connect timeout, UTC sessions,
 * and the statement timeout where the engine has one (PostgreSQL `statement_timeout`; MariaDB and
 * MySQL get theirs per connection, see ConnectionManager). Never `synchronize`, no entities.
 */
export function dataSourceOptions(service: DataServiceConfig, app: AppConfig): DataSourceOptions {
  const common = { synchronize: false, migrationsRun: false, logging: false, entities: [] as never[] };
  if (service.type === 'sqlite') {
    return {
      ...common,
      type: 'better-sqlite3',
      database: sqlitePath(service.database, app.storageDir),
      enableWAL: service.database !== ':memory:',
      prepareDatabase: (db: SqliteConnection) => {
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
        // SQLite has no base64; related records print binary values with it (sqlite.output.ts).
        db.function(SQLITE_BASE64_FUNCTION, { deterministic: true }, base64);
      },
    };
  }
  const ssl = service.ssl === true ? { rejectUnauthorized: true } : service.ssl === 'no-verify' ? { rejectUnauthorized: false } : undefined;
  if (service.type === 'pgsql') {
    const schema = service.schema ?? 'public';
    return {
      ...common,
      type: 'postgres',
      host: service.host,
      port: service.port ?? 5432,
      username: service.username ?? undefined,
      password: service.password ?? undefined,
      database: service.database,
      schema,
      ssl,
      applicationName: 'instant-sql-rest-api',
      extra: {
        max: app.dbPoolSize,
        connectionTimeoutMillis: app.dbConnectTimeoutMs,
        statement_timeout: app.dbStatementTimeoutMs,
        // The schema name was checked against an identifier pattern when the service was saved.
        options: `-c TimeZone=UTC -c DateStyle=ISO -c search_path=${schema}`,
      },
    };
  }
  return {
    ...common,
    type: 'mysql',
    host: service.host,
    port: service.port ?? 3306,
    username: service.username ?? undefined,
    password: service.password ?? undefined,
    database: service.database,
    ssl,
    timezone: 'Z',
    charset: 'utf8mb4_general_ci',
    supportBigNumbers: true,
    bigNumberStrings: true,
    extra: {
      connectionLimit: app.dbPoolSize,
      connectTimeout: app.dbConnectTimeoutMs,
      // Never LOCAL INFILE, never cleartext-password plugins (API.md 4.2).
      infileStreamFactory: undefined,
      flags: ['-LOCAL_FILES'],
      enableCleartextPlugin: false,
    },
  };
}
