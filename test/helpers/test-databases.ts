/**
 * Fresh, uniquely named databases on the three real engines, for tests that talk SQL.
 * PostgreSQL: 127.0.0.1:5432 (user postgres, trust); MariaDB: 127.0.0.1:3306 (root, no password);
 * SQLite: a file in a temp directory. Each helper creates its database and drops it on `drop()`.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as mysql2 from 'mysql2/promise';
import { Client } from 'pg';

export type EngineName = 'sqlite' | 'postgres' | 'mysql';
export const ENGINES: readonly EngineName[] = ['sqlite', 'postgres', 'mysql'];

export const PG_HOST = process.env.TEST_PG_HOST ?? '127.0.0.1';
export const PG_PORT = Number(process.env.TEST_PG_PORT ?? 5432);
export const PG_USER = process.env.TEST_PG_USER ?? 'postgres';
export const MYSQL_HOST = process.env.TEST_MYSQL_HOST ?? '127.0.0.1';
export const MYSQL_PORT = Number(process.env.TEST_MYSQL_PORT ?? 3306);
export const MYSQL_USER = process.env.TEST_MYSQL_USER ?? 'root';

export interface TestDatabase {
  readonly engine: EngineName;
  /** Database name (PostgreSQL, MariaDB) or file path (SQLite). */
  readonly name: string;
  /** URL in the form SYSTEM_DB_URL / DEFAULT_DB_URL accept. */
  readonly url: string;
  /** Runs SQL with bound parameters ($n on PostgreSQL, ? elsewhere) and returns the rows. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs several statements (fixtures); no parameters. */
  exec(script: string): Promise<void>;
  drop(): Promise<void>;
}

const reachability = new Map<EngineName, Promise<boolean>>();

/** True when the engine's server answers; SQLite always does. */
export function isEngineAvailable(engine: EngineName): Promise<boolean> {
  let known = reachability.get(engine);
  if (!known) {
    known = probe(engine);
    reachability.set(engine, known);
  }
  return known;
}

async function probe(engine: EngineName): Promise<boolean> {
  try {
    if (engine === 'postgres') {
      const client = new Client({ host: PG_HOST, port: PG_PORT, user: PG_USER, database: 'postgres', connectionTimeoutMillis: 2000 });
      await client.connect();
      await client.end();
    } else if (engine === 'mysql') {
      const conn = await mysql2.createConnection({ host: MYSQL_HOST, port: MYSQL_PORT, user: MYSQL_USER, connectTimeout: 2000 });
      await conn.end();
    }
    return true;
  } catch {
    return false;
  }
}

export function uniqueName(prefix = 't'): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

export async function createTestDatabase(engine: EngineName, prefix = 'it'): Promise<TestDatabase> {
  const name = uniqueName(prefix);
  if (engine === 'sqlite') return createSqlite(name);
  if (engine === 'postgres') return createPostgres(name);
  return createMysql(name);
}

function createSqlite(name: string): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'sqlite-'));
  const file = join(dir, `${name}.sqlite`);
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  return {
    engine: 'sqlite',
    name: file,
    url: `sqlite:${file}`,
    async query<T>(text: string, params: unknown[] = []) {
      const statement = db.prepare(text);
      if (statement.reader) return statement.all(...(params as never[])) as T[];
      statement.run(...(params as never[]));
      return [] as T[];
    },
    async exec(script: string) {
      db.exec(script);
    },
    async drop() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgres(name: string): Promise<TestDatabase> {
  const admin = new Client({ host: PG_HOST, port: PG_PORT, user: PG_USER, database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const client = new Client({ host: PG_HOST, port: PG_PORT, user: PG_USER, database: name });
  await client.connect();
  return {
    engine: 'postgres',
    name,
    url: `postgres://${PG_USER}@${PG_HOST}:${PG_PORT}/${name}`,
    async query<T>(text: string, params: unknown[] = []) {
      return (await client.query(text, params)).rows as T[];
    },
    async exec(script: string) {
      await client.query(script);
    },
    async drop() {
      await client.end();
      const a = new Client({ host: PG_HOST, port: PG_PORT, user: PG_USER, database: 'postgres' });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}

async function createMysql(name: string): Promise<TestDatabase> {
  const admin = await mysql2.createConnection({ host: MYSQL_HOST, port: MYSQL_PORT, user: MYSQL_USER });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`);
  await admin.end();
  const conn = await mysql2.createConnection({
    host: MYSQL_HOST, port: MYSQL_PORT, user: MYSQL_USER, database: name, multipleStatements: true, timezone: 'Z',
  });
  return {
    engine: 'mysql',
    name,
    url: `mysql://${MYSQL_USER}@${MYSQL_HOST}:${MYSQL_PORT}/${name}`,
    async query<T>(text: string, params: unknown[] = []) {
      const [rows] = await conn.query(text, params);
      return (Array.isArray(rows) ? rows : []) as T[];
    },
    async exec(script: string) {
      await conn.query(script);
    },
    async drop() {
      await conn.end();
      const a = await mysql2.createConnection({ host: MYSQL_HOST, port: MYSQL_PORT, user: MYSQL_USER });
      await a.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await a.end();
    },
  };
}

/** Engines the global setup found reachable (test/global-setup.ts). */
export function availableEngines(): EngineName[] {
  const listed = process.env.TEST_ENGINES_AVAILABLE;
  if (listed === undefined) return [...ENGINES];
  return listed.split(',').filter((e): e is EngineName => (ENGINES as readonly string[]).includes(e));
}

/**
 * `describe` blocks per engine. The global setup has already said loudly which servers are
 * missing (and failed the run under CI=true); here their blocks are not run.
 * Usage: describeEachEngine('records', (engine) => { ... });
 */
export function describeEachEngine(title: string, body: (engine: EngineName) => void, engines: readonly EngineName[] = ENGINES): void {
  const available = availableEngines();
  for (const engine of engines) {
    const run = available.includes(engine) ? describe : describe.skip;
    run(`${title} [${engine}]`, () => body(engine));
  }
}
