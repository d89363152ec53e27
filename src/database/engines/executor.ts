import type { DialectName } from '../dialect/dialect';
import type { JsonBytes } from '../../common/values/json-text';
import type { Sql } from '../sql/parts';

/** What one statement returned, whatever the driver. */
export interface RunResult {
  readonly rows: readonly Record<string, unknown>[];
  /** Rows inserted, updated or deleted (0 for reads). */
  readonly affectedRows: number;
  /** MySQL's first generated AUTO_INCREMENT value, SQLite's last rowid; absent elsewhere. */
  readonly insertId?: number | string;
}

/**
 * Runs rendered SQL on one connection, pool or transaction. `name` asks for a prepared
 * statement where the driver supports it (node-postgres), else it is ignored.
 */
export interface Executor {
  readonly engine: DialectName;
  run(sql: Sql, name?: string): Promise<RunResult>;
  /**
   * A statement whose rows have one text column, each a JSON value: the values joined into a JSON
   * array (`[a,b,…]`), written into off-heap chunks as the rows arrive. A long page then never
   * sits in the JS heap as a thousand row strings plus one large string that outlive a young
   * collection. Optional: SqlRunner.joinRows joins `run`'s rows where it is absent.
   */
  joinRows?(sql: Sql, name?: string): Promise<JsonBytes>;
}

/** The minimal query function introspection needs (works over any executor or raw client). */
export type QueryFn = (text: string, params?: readonly unknown[]) => Promise<readonly Record<string, unknown>[]>;

export function queryFn(executor: Executor): QueryFn {
  return async (text, params = []) => (await executor.run({ text, params: [...params] })).rows;
}

const READ_ONLY = /^\s*(SELECT|WITH|VALUES|PRAGMA|SET STATEMENT [^;]* FOR SELECT)\b/i;

/** Rows a statement changed when it answered with rows: a write with RETURNING reports the rows it wrote. */
export function changedRows(text: string, rows: readonly unknown[]): number {
  return READ_ONLY.test(text) ? 0 : rows.length;
}
