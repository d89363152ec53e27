import type { Query, QueryArrayConfig } from 'pg';
import { CHUNK_BYTES, giveBackChunks, JsonBytes, takeChunk } from '../../common/values/json-text';
import type { Sql } from '../sql/parts';
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

/** A node-postgres client as a streamed statement uses it: a Query submitted without a callback. */
export interface PgStreamingClient extends PgQueryable {
  query(query: Query): Query;
  query(config: { text: string; values: unknown[]; name?: string }): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

/** A node-postgres pool: a streamed statement checks a client out, and returns it. */
export interface PgPool extends PgQueryable {
  connect(): Promise<PgStreamingClient & { release(error?: Error): void }>;
}

/**
 * node-postgres over a pool, or over one connection (a transaction's: `client` resolves it). Plain
 * statements go through `query`; `joinRows` streams rows (a Query with a row listener is not
 * accumulated by the driver) into one growing off-heap buffer.
 */
export function pgExecutor(client: PgPool | (() => Promise<PgStreamingClient>)): Executor {
  const resolve = typeof client === 'function' ? client : async () => client;
  return {
    engine: 'postgres',
    async run(sql, name) {
      const result = await (await resolve()).query(name ? { text: sql.text, values: sql.params, name } : { text: sql.text, values: sql.params });
      return { rows: result.rows, affectedRows: result.rowCount ?? 0 };
    },
    async joinRows(sql, name) {
      if (typeof client === 'function') return streamJoined(await client(), sql, name);
      const pooled = await client.connect();
      try {
        const text = await streamJoined(pooled, sql, name);
        pooled.release();
        return text;
      } catch (error) {
        // As pool.query does: a client whose statement failed is not handed out again.
        pooled.release(error instanceof Error ? error : new Error(String(error)));
        throw error;
      }
    },
  };
}

const COMMA = 0x2c;

async function streamJoined(client: PgStreamingClient, sql: Sql, name: string | undefined): Promise<JsonBytes> {
  const Query = await loadQuery();
  return new Promise((resolve, reject) => {
    const pieces: Buffer[] = [];
    const chunks: Buffer[] = [];
    let chunk = takeChunk();
    chunks.push(chunk);
    let used = 0;
    const nextChunk = () => {
      pieces.push(chunk.subarray(0, used));
      chunk = takeChunk();
      chunks.push(chunk);
      used = 0;
    };
    const append = (text: string, comma: boolean) => {
      // UTF-8 takes at most 3 bytes per UTF-16 unit; a value longer than a chunk is a piece of its own.
      if (used + 1 + text.length * 3 > chunk.length) {
        if (1 + text.length * 3 > CHUNK_BYTES) {
          pieces.push(chunk.subarray(0, used), Buffer.from(comma ? `,${text}` : text, 'utf8'));
          chunk = chunk.subarray(used);
          used = 0;
          return;
        }
        nextChunk();
      }
      if (comma) chunk[used++] = COMMA;
      used += chunk.write(text, used, 'utf8');
    };
    let rows = 0;
    const config: QueryArrayConfig = { text: sql.text, values: sql.params, rowMode: 'array', ...(name ? { name } : {}) };
    const query = new Query(config);
    query.on('row', (row: unknown[]) => {
      const value = row[0];
      append(value === null || value === undefined ? 'null' : String(value), rows++ > 0);
    });
    query.on('error', (error: Error) => {
      giveBackChunks(chunks);
      reject(error);
    });
    query.on('end', () => {
      append(']', false);
      pieces.push(chunk.subarray(0, used));
      resolve(new JsonBytes(pieces, chunks));
    });
    append('[', false);
    client.query(query);
  });
}

// pg is loaded when a PostgreSQL service first streams a page, not by servers without one.
let pgQuery: Promise<typeof Query> | undefined;
const loadQuery = (): Promise<typeof Query> => (pgQuery ??= import('pg').then((pg) => pg.Query ?? pg.default.Query));

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
