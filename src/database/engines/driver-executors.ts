import { changedRows, type Executor, type RunResult } from './executor';

/**
 * Executors over the drivers themselves, for the data plane: no entity layer, no logging of
 * values, prepared statements where the driver has them. The TypeORM adapter hands these the
 * pool or connection its DataSource or QueryRunner owns.
 */

/** node-postgres Pool, PoolClient or Client (anything with query(config)). */
export interface PgQueryable {
  query(config: { text: string; values: unknown[]; name?: string }): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

export function pgExecutor(client: PgQueryable | (() => Promise<PgQueryable>)): Executor {
  const resolve = typeof client === 'function' ? client : async () => client;
  return {
    engine: 'postgres',
    async run(sql, name) {
      const result = await (await resolve()).query(name ? { text: sql.text, values: sql.params, name } : { text: sql.text, values: sql.params });
      return { rows: result.rows, affectedRows: result.rowCount ?? 0 };
    },
  };
}

/** mysql2 promise Pool or Connection. */
export interface MysqlQueryable {
  query(sql: string, values: unknown[]): Promise<[unknown, unknown]>;
}

interface ResultHeader {
  affectedRows?: number;
  insertId?: number | string;
}

export function mysqlExecutor(client: MysqlQueryable | (() => Promise<MysqlQueryable>)): Executor {
  const resolve = typeof client === 'function' ? client : async () => client;
  return {
    engine: 'mysql',
    async run(sql): Promise<RunResult> {
      const [result] = await (await resolve()).query(sql.text, sql.params);
      if (Array.isArray(result)) return { rows: result as Record<string, unknown>[], affectedRows: changedRows(sql.text, result) };
      const header = result as ResultHeader;
      return { rows: [], affectedRows: header.affectedRows ?? 0, insertId: header.insertId };
    },
  };
}

/** The parts of a better-sqlite3 Database this executor uses. */
export interface SqliteDatabase {
  prepare(text: string): SqliteStatement;
}

interface SqliteStatement {
  readonly reader: boolean;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
}

const STATEMENT_CACHE_SIZE = 500;

export function sqliteExecutor(db: SqliteDatabase): Executor {
  // Compiled statements by SQL text, least recently used evicted (Map keeps insertion order).
  const statements = new Map<string, SqliteStatement>();
  const prepare = (text: string): SqliteStatement => {
    let statement = statements.get(text);
    if (statement) {
      statements.delete(text);
    } else {
      statement = db.prepare(text);
      if (statements.size >= STATEMENT_CACHE_SIZE) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
    }
    statements.set(text, statement);
    return statement;
  };
  return {
    engine: 'sqlite',
    async run(sql) {
      const statement = prepare(sql.text);
      const params = sql.params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
      if (statement.reader) {
        const rows = statement.all(...params) as Record<string, unknown>[];
        // A write with RETURNING is a reader too; its rows are the rows it changed.
        return { rows, affectedRows: changedRows(sql.text, rows) };
      }
      const info = statement.run(...params);
      return { rows: [], affectedRows: info.changes, insertId: typeof info.lastInsertRowid === 'bigint' ? info.lastInsertRowid.toString() : info.lastInsertRowid };
    },
  };
}
