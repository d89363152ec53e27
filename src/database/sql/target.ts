import type { Dialect } from '../dialect/dialect';
import type { OutputSource } from './fields';
import type { Part } from './parts';
import type { EmbedQuery } from './related';

/** What an engine can do in one statement; builders consult this instead of the engine name. */
export interface EngineFeatures {
  /** `NULLS FIRST` / `NULLS LAST` in ORDER BY (else emulated with `x IS NULL`). */
  readonly nullsOrdering: boolean;
  readonly insertReturning: boolean;
  readonly updateReturning: boolean;
  readonly deleteReturning: boolean;
}

/** A named subquery column: the select-list expression and its alias. */
export interface AliasedExpr {
  readonly expr: readonly Part[];
  readonly alias: string;
}

/** The inner query of a JSON read, already ordered and limited, plus how to address its columns. */
export interface JsonInner {
  /** Builds the inner SELECT given the select list (value columns, then extra columns). */
  readonly build: (select: readonly AliasedExpr[]) => Part[];
  readonly sources: readonly OutputSource[];
  /** Order items of the inner query, re-applied where an aggregate needs them. */
  readonly order: readonly OrderItem[];
}

export interface OrderItem {
  readonly expr: readonly Part[];
  readonly direction: 'ASC' | 'DESC';
  readonly nulls?: 'FIRST' | 'LAST';
}

/**
 * The per-engine SQL that turns values into output: the JSON-in-database forms and the rows-path
 * expressions. Implemented by each engine (src/database/engines/*.output.ts).
 */
export interface SqlTarget {
  readonly dialect: Dialect;
  readonly features: EngineFeatures;
  /** Expression of a value for the rows path (what `outputValue` maps). */
  rowValue(source: OutputSource): Part[];
  /** One row, column `resource`: the JSON array text of the records, in order; `n` rows counted on MySQL. */
  jsonArray(inner: JsonInner, count: readonly Part[] | null): Part[];
  /** One row per record: key columns `k0…` (rows-path form) and column `j`, the record's JSON text. */
  jsonRecords(query: JsonRecordsQuery): Part[];
  /**
   * Optional: a page without a count as one row per record, column `j`, in order; for engines
   * that print rows faster than they aggregate them (PostgreSQL). Node joins the texts.
   */
  jsonRows?(inner: JsonInner): Part[];
  /** A correlated subquery printing related records as JSON (see EmbedQuery). */
  jsonEmbed(query: EmbedQuery): Part[];
  /** False when this engine cannot print some value in SQL (e.g. base64 on SQLite). */
  canBuildJson(sources: readonly OutputSource[]): boolean;
  /** Optional statement prefix (e.g. MariaDB's `SET STATEMENT … FOR`). */
  readonly jsonPrefix?: string;
}

export interface JsonRecordsQuery {
  readonly table: string;
  readonly sources: readonly OutputSource[];
  readonly keys: readonly OutputSource[];
  /** Everything after FROM table: WHERE, ORDER BY, LIMIT. */
  readonly tail: readonly Part[];
}
