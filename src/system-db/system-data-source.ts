import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseUrl } from '../config/database-url';
import { SYSTEM_ENTITIES } from './entities';
import { InitialSchema1764400000000 } from './migrations/1764400000000-initial-schema';

export const SYSTEM_MIGRATIONS = [InitialSchema1764400000000];

/** DataSource options of the system database for a parsed SYSTEM_DB_URL. Never `synchronize`. */
export function systemDataSourceOptions(url: DatabaseUrl): DataSourceOptions {
  const common = { entities: SYSTEM_ENTITIES, migrations: SYSTEM_MIGRATIONS, synchronize: false, migrationsRun: false, logging: false } as const;
  if (url.type === 'sqlite') {
    if (url.path !== ':memory:') mkdirSync(dirname(url.path), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: url.path,
      enableWAL: url.path !== ':memory:',
      prepareDatabase: (db: { pragma(text: string): unknown }) => {
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
      },
    };
  }
  if (url.type === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      host: url.host,
      port: url.port,
      username: url.username,
      password: url.password,
      database: url.database,
      schema: url.schema,
      extra: { max: 10, connectionTimeoutMillis: 5000, options: '-c TimeZone=UTC' },
    };
  }
  return {
    ...common,
    type: 'mysql',
    host: url.host,
    port: url.port,
    username: url.username,
    password: url.password,
    database: url.database,
    timezone: 'Z',
    charset: 'utf8mb4_general_ci',
    extra: { connectionLimit: 10, connectTimeout: 5000 },
  };
}

export function createSystemDataSource(url: DatabaseUrl): DataSource {
  return new DataSource(systemDataSourceOptions(url));
}
