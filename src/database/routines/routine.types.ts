import type { DialectName } from '../dialect/dialect';
import type { SimpleType } from '../schema-cache/schema.types';

/** Which API resource a routine is served under: `procedure` → `_proc`, `function` → `_func`. */
export type RoutineKind = 'procedure' | 'function';

export type ParamMode = 'IN' | 'OUT' | 'INOUT';

/**
 * Runs one SQL statement with bound parameters and resolves to the driver's raw result: an array
 * of rows, or for a MySQL `CALL` the array of result sets (API: a TypeORM `DataSource.query` or
 * `QueryRunner.query`). Calls need all their statements on ONE connection: pass a QueryRunner's.
 */
export type QueryFn = (text: string, params?: unknown[]) => Promise<unknown>;

export type Row = Record<string, unknown>;

export interface RoutineParam {
  /** As declared; `''` for an unnamed PostgreSQL parameter (callable positionally only). */
  readonly name: string;
  /** 1-based, in declaration order. */
  readonly position: number;
  readonly mode: ParamMode;
  readonly type: SimpleType;
  /** Reported type name: `character varying` (PostgreSQL format_type), `varchar` (MySQL DATA_TYPE). */
  readonly dbType: string;
  /** Full declared type: the PostgreSQL cast target; MySQL `int(10) unsigned`, `tinyint(1)`. */
  readonly declaredType: string;
  readonly length: number | null;
  readonly precision: number | null;
  readonly scale: number | null;
  /** Default expression as the catalog prints it (PostgreSQL only); null when there is none. */
  readonly default: string | null;
}

export interface ResultColumn {
  readonly name: string;
  readonly type: SimpleType;
  readonly dbType: string;
}

/**
 * What a call produces, which decides both the SQL and the response shape:
 * - `none`: nothing but OUT/INOUT values (procedures; PostgreSQL `void` functions);
 * - `scalar`: one value (functions served under `_func`);
 * - `rows`: a row set (PostgreSQL `SETOF`/`TABLE`/composite returns);
 * - `out`: one row of OUT values (PostgreSQL functions with OUT parameters, not set-returning);
 * - `result-sets`: whatever result sets a MySQL procedure selects.
 */
export type RoutineReturn =
  | { readonly kind: 'none' }
  | { readonly kind: 'scalar'; readonly type: SimpleType; readonly dbType: string }
  | { readonly kind: 'rows'; readonly columns: readonly ResultColumn[] }
  | { readonly kind: 'out' }
  | { readonly kind: 'result-sets' };

export interface Routine {
  readonly kind: RoutineKind;
  /** What the engine calls it: PostgreSQL functions with row results are served under `_proc`. */
  readonly engineKind: RoutineKind;
  readonly name: string;
  /** PostgreSQL schema or MySQL database that holds it; qualifies the name on PostgreSQL. */
  readonly schema: string;
  /** Distinguishes PostgreSQL overloads (the pg_proc oid); the name on MySQL. */
  readonly id: string;
  /** IN, OUT and INOUT parameters by position (TABLE columns are in `returns`). */
  readonly params: readonly RoutineParam[];
  readonly returns: RoutineReturn;
  readonly description: string | null;
}

/** The routines of one service, as read from the engine's catalog; cached with the schema. */
export interface RoutineCatalog {
  readonly dialect: DialectName;
  readonly routines: readonly Routine[];
}

/** A routine's descriptor as `GET /_proc?ids=…` shows it (API.md 3.16.1), without `access`. */
export interface RoutineDescriptor {
  alias: null;
  name: string;
  label: string;
  description: string | null;
  native: [];
  return_type: string | null;
  return_schema: { name: string; type: SimpleType; db_type: string }[];
  params: ParamDescriptor[];
}

export interface ParamDescriptor {
  name: string;
  position: number;
  param_type: ParamMode;
  type: SimpleType;
  db_type: string;
  length: number | null;
  precision: number | null;
  scale: number | null;
  default: string | null;
}

/** Where the arguments of a call came from (API.md 3.16.2, first non-empty source wins). */
export type CallArguments =
  | { readonly source: 'named'; readonly values: readonly (readonly [string, unknown])[] }
  | { readonly source: 'positional'; readonly values: readonly unknown[] }
  /** Query parameters: only names matching a routine parameter are arguments; others are ignored. */
  | { readonly source: 'query'; readonly values: Readonly<Record<string, unknown>> };

export interface CallOptions {
  /** Simple type of a scalar result, or `table` ("not scalar"). */
  readonly returns?: SimpleType | 'table';
  /** Result column (or OUT parameter) → simple type to typecast it to. */
  readonly schema?: Readonly<Record<string, SimpleType>>;
  /** `_proc` only: key under which rows are wrapped. */
  readonly wrapper?: string;
}

export interface CallRequest {
  readonly args: CallArguments;
  readonly options: CallOptions;
}
