import { DataSource } from 'typeorm';
import { createEngine, type Engine } from '../../src/database/engines/engine';
import { queryFn } from '../../src/database/engines/executor';
import { detectMysqlFlavor } from '../../src/database/engines/mysql.introspect';
import { SqlRunner } from '../../src/database/engines/runner';
import { executorFromTypeOrm } from '../../src/database/engines/typeorm-executor';
import { SchemaCache } from '../../src/database/schema-cache/schema-cache';
import {
  createTestDatabase, MYSQL_HOST, MYSQL_PORT, MYSQL_USER, PG_HOST, PG_PORT, PG_USER, type EngineName, type TestDatabase,
} from '../helpers/test-databases';
import { FIXTURE_SQL } from './fixtures';

/**
 * A fresh database with the fixture schema, reached the way the product reaches it: a TypeORM
 * DataSource ('postgres', 'mysql' over mysql2, 'better-sqlite3') wrapped by executorFromTypeOrm.
 */
export interface Harness {
  readonly db: TestDatabase;
  readonly dataSource: DataSource;
  readonly engine: Engine;
  readonly runner: SqlRunner;
  readonly schema: SchemaCache;
  close(): Promise<void>;
}

function dataSourceFor(engine: EngineName, db: TestDatabase): DataSource {
  if (engine === 'postgres') {
    return new DataSource({ type: 'postgres', host: PG_HOST, port: PG_PORT, username: PG_USER, database: db.name, extra: { max: 4 } });
  }
  if (engine === 'mysql') {
    return new DataSource({
      type: 'mysql', host: MYSQL_HOST, port: MYSQL_PORT, username: MYSQL_USER, database: db.name, timezone: 'Z', extra: { connectionLimit: 4 },
    });
  }
  return new DataSource({ type: 'better-sqlite3', database: db.name });
}

export async function openHarness(engineName: EngineName, extraSql = ''): Promise<Harness> {
  const db = await createTestDatabase(engineName, 'eng');
  let dataSource: DataSource;
  try {
    await db.exec(FIXTURE_SQL[engineName] + extraSql);
    dataSource = await dataSourceFor(engineName, db).initialize();
  } catch (error) {
    await db.drop();
    throw error;
  }
  const executor = executorFromTypeOrm(dataSource);
  const flavor = engineName === 'mysql' ? await detectMysqlFlavor(queryFn(executor)) : undefined;
  const engine = createEngine(engineName, { mysqlFlavor: flavor });
  const schema = new SchemaCache(() => engine.introspect(queryFn(executor)));
  const runner = new SqlRunner(engine, executor, {
    context: { service: 'db' }, tables: () => schema.loadedTables(), onStaleSchema: () => schema.invalidate(),
  });
  return {
    db, dataSource, engine, runner, schema,
    async close() {
      await dataSource.destroy();
      await db.drop();
    },
  };
}
