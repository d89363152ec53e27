import Database from 'better-sqlite3';
import { join } from 'node:path';
import { adminToken, createTestApp, type TestApp } from './test-app';
import { createTestDatabase, MYSQL_HOST, MYSQL_PORT, MYSQL_USER, PG_HOST, PG_PORT, PG_USER, uniqueName, type EngineName } from './test-databases';

export interface DataServiceHandle {
  readonly name: string;
  /** Runs SQL directly on the service's database (to check what the API wrote). */
  query(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Call after the app is closed (its pool holds connections). */
  drop(): Promise<void>;
}

/**
 * A fresh database of the engine, loaded with `fixture`, registered as a data service through the
 * API (`POST /system/service`). SQLite files live in the app's storage directory.
 */
export async function createDataService(t: TestApp, auth: Record<string, string>, engine: EngineName, fixture: string, config: Record<string, unknown> = {}): Promise<DataServiceHandle> {
  const name = uniqueName('svc').replace(/[^a-z0-9_]/g, '_').slice(0, 40);
  if (engine === 'sqlite') {
    const file = `${name}.sqlite`;
    const db = new Database(join(t.storageDir, file));
    db.pragma('foreign_keys = ON');
    db.exec(fixture);
    await t.http.post('/api/v2/system/service').set(auth).send([{ name, type: 'sqlite', config: { database: file, ...config } }]).expect(201);
    return {
      name,
      query: async (text, params = []) => {
        const statement = db.prepare(text);
        return statement.reader ? (statement.all(...(params as never[])) as Record<string, unknown>[]) : (statement.run(...(params as never[])), []);
      },
      drop: async () => {
        db.close();
      },
    };
  }
  const database = await createTestDatabase(engine, 'ds');
  await database.exec(fixture);
  const connection = engine === 'postgres'
    ? { host: PG_HOST, port: PG_PORT, username: PG_USER, database: database.name }
    : { host: MYSQL_HOST, port: MYSQL_PORT, username: MYSQL_USER, database: database.name };
  await t.http.post('/api/v2/system/service').set(auth).send([{ name, type: engine === 'postgres' ? 'pgsql' : 'mysql', config: { ...connection, ...config } }]).expect(201);
  return {
    name,
    query: (text, params) => database.query(text, params),
    drop: () => database.drop(),
  };
}

export interface TableApp {
  readonly t: TestApp;
  readonly auth: Record<string, string>;
  readonly svc: DataServiceHandle;
  /** `/api/v2/{service}/_table` */
  readonly base: string;
}

/** The app, an admin session and a fresh data service loaded with `fixture`: the records suites' setup. */
export async function openTableApp(engine: EngineName, fixture: string, config: Record<string, unknown> = {}): Promise<TableApp> {
  const t = await createTestApp();
  const auth = { 'X-DreamFactory-Session-Token': await adminToken(t) };
  const svc = await createDataService(t, auth, engine, fixture, config);
  return { t, auth, svc, base: `/api/v2/${svc.name}/_table` };
}

/** Closes the app first: its pool holds connections to the database being dropped. */
export async function closeTableApp(t: TestApp | undefined, svc: DataServiceHandle | undefined): Promise<void> {
  await t?.close();
  await svc?.drop();
}
