import type { TableSchema } from '../schema-cache/schema.types';
import type { JsonText } from '../../common/values/json-text';
import type { Part, Sql } from '../sql/parts';
import { StatementCache } from '../sql/statement-cache';
import type { Engine } from './engine';
import type { ErrorContext } from './errors.common';
import type { Executor, RunResult } from './executor';

export interface RunnerOptions {
  /** Service name and statement timeout, merged into every error context. */
  readonly context?: ErrorContext;
  /** The service's tables as currently cached (SQLite errors name no referencing table). */
  readonly tables?: () => readonly TableSchema[] | undefined;
  /** Called when a driver error says the schema cache is stale (table or column gone). */
  readonly onStaleSchema?: () => void;
  /** Server-side prepared statements for repeated shapes (PostgreSQL only; default on). */
  readonly preparedStatements?: boolean;
  readonly cache?: StatementCache;
}

// PostgreSQL: a prepared plan whose result columns changed after DDL.
const isStalePlan = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '0A000';

/**
 * Runs parts on one executor: renders through the statement cache, and translates driver errors
 * (AppError thrown; unknown errors rethrown unchanged for the caller to log as INTERNAL).
 */
export class SqlRunner {
  readonly cache: StatementCache;

  constructor(readonly engine: Engine, readonly executor: Executor, private readonly options: RunnerOptions = {}) {
    this.cache = options.cache ?? new StatementCache(engine.dialect, { names: engine.name === 'postgres' && options.preparedStatements !== false });
  }

  /** The same engine, cache and options over another executor (a transaction's QueryRunner). */
  withExecutor(executor: Executor): SqlRunner {
    return new SqlRunner(this.engine, executor, { ...this.options, cache: this.cache });
  }

  run(parts: readonly Part[], context: ErrorContext = {}): Promise<RunResult> {
    return this.attempt(parts, context, (sql, name) => this.executor.run(sql, name));
  }

  /**
   * A statement whose rows are one JSON text each, as one JSON array text: joined off-heap by
   * executors that stream (Executor.joinRows), else from the rows in Node.
   */
  joinRows(parts: readonly Part[], context: ErrorContext = {}): Promise<JsonText> {
    const executor = this.executor;
    if (executor.joinRows) return this.attempt(parts, context, (sql, name) => executor.joinRows!(sql, name));
    return this.attempt(parts, context, async (sql, name) => joinTexts((await executor.run(sql, name)).rows));
  }

  private async attempt<T>(parts: readonly Part[], context: ErrorContext, execute: (sql: Sql, name?: string) => Promise<T>): Promise<T> {
    const sql = this.cache.render(parts);
    try {
      try {
        return await execute(sql, sql.name);
      } catch (error) {
        if (!sql.name || !isStalePlan(error)) throw error;
        this.cache.forgetName(sql.text);
        return await execute({ text: sql.text, params: sql.params });
      }
    } catch (error) {
      const translated = this.engine.translateError(error, { ...this.options.context, tables: this.options.tables?.(), ...context });
      if (!translated) throw error;
      if (translated.staleSchema) this.options.onStaleSchema?.();
      throw translated.error;
    }
  }
}

/** `[` + each row's one value + `]`: the texts the database printed, joined without parsing. */
function joinTexts(rows: readonly Record<string, unknown>[]): string {
  let text = '[';
  for (let i = 0; i < rows.length; i++) {
    const value = Object.values(rows[i]!)[0];
    text += (i === 0 ? '' : ',') + (value === null || value === undefined ? 'null' : Buffer.isBuffer(value) ? value.toString('utf8') : String(value));
  }
  return `${text}]`;
}
