export type DialectName = 'postgres' | 'mysql' | 'sqlite';

/** The date/time functions the API lets a client name (filter values, `{"expression":…}`). */
export type SqlFunctionName = 'NOW' | 'CURRENT_DATE' | 'CURRENT_TIME' | 'CURRENT_TIMESTAMP';

/** The only per-vendor code of the SQL layer. */
export interface Dialect {
  readonly name: DialectName;
  /** `"a""b"` (PostgreSQL, SQLite), `` `a``b` `` (MySQL). */
  quoteIdentifier(name: string): string;
  /** 1-based position → `$1` (PostgreSQL) or `?`. */
  placeholder(position: number): string;
  /** SQL text of an allowed date/time function. */
  sqlFunction(fn: SqlFunctionName): string;
  /** Wraps an already-rendered expression so match operators compare its text form. */
  textCast(expression: string): string;
  /** How a boolean is bound (`true` on PostgreSQL, `1`/`0` elsewhere). */
  bindBoolean(value: boolean): unknown;
}
