import { AppError } from '../../common/errors';
import type { ColumnSchema, TableSchema } from '../schema-cache/schema.types';
import { findColumn } from '../schema-cache/schema.types';

/** What the caller knows about the failed statement; every field is optional. */
export interface ErrorContext {
  /** Service name, for `Could not connect to the database of service 'db'.` */
  readonly service?: string;
  /** The table the statement read or wrote. */
  readonly table?: TableSchema;
  /** Every table of the service (to name referencing tables when the driver does not). */
  readonly tables?: readonly TableSchema[];
  readonly operation?: 'read' | 'insert' | 'update' | 'delete';
  /** Columns the statement wrote (SQLite names no column in a foreign-key failure). */
  readonly columns?: readonly string[];
  readonly statementTimeoutMs?: number;
}

/** A driver error in the contract's terms; `staleSchema` asks the caller to refresh the schema cache once. */
export interface TranslatedError {
  readonly error: AppError;
  readonly staleSchema: boolean;
}

export const RETRY_AFTER_SECONDS = '5';

const done = (error: AppError, staleSchema = false): TranslatedError => ({ error, staleSchema });

/** TypeORM wraps driver errors in QueryFailedError.driverError. */
export function unwrapDriverError(error: unknown): Record<string, unknown> | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const inner = (error as { driverError?: unknown }).driverError;
  return (typeof inner === 'object' && inner !== null ? inner : error) as Record<string, unknown>;
}

const NODE_NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNABORTED',
]);
export const isNetworkCode = (code: unknown): boolean => typeof code === 'string' && NODE_NETWORK_CODES.has(code);

/** The column as the schema spells it, when the driver named one we know. */
function columnName(ctx: ErrorContext, name: string | undefined): string | undefined {
  if (!name) return undefined;
  return (ctx.table && findColumn(ctx.table, name)?.name) ?? name;
}

function column(ctx: ErrorContext, name: string | undefined): ColumnSchema | undefined {
  return name && ctx.table ? findColumn(ctx.table, name) : undefined;
}

export const dbErrors = {
  duplicate: (columns: readonly string[]) =>
    done(new AppError('CONFLICT', columns.length > 0 ? `Duplicate value for unique field(s) '${columns.join(', ')}'.` : 'Duplicate value for a unique field.')),
  missingReference: (columns: readonly string[]) =>
    done(new AppError('CONFLICT', columns.length > 0 ? `Referenced record does not exist for field '${columns.join(', ')}'.` : 'Referenced record does not exist.')),
  stillReferenced: (table: string | undefined) =>
    done(new AppError('CONFLICT', table ? `Record is still referenced by table '${table}'.` : 'Record is still referenced by another table.')),
  notNull: (ctx: ErrorContext, name: string | undefined) => {
    const field = columnName(ctx, name);
    return done(new AppError('VALUE_INVALID', field ? `Field '${field}' can not be NULL.` : 'A required field can not be NULL.'));
  },
  tooLong: (ctx: ErrorContext, name: string | undefined) => {
    const c = column(ctx, name);
    const field = columnName(ctx, name);
    if (!field) return done(new AppError('VALUE_INVALID', 'A value is too long for its field.'));
    return done(new AppError('VALUE_INVALID', `Field '${field}' value is too long${c?.length ? ` (max ${c.length})` : ''}.`));
  },
  outOfRange: (ctx: ErrorContext, name: string | undefined) => {
    const field = columnName(ctx, name);
    return done(new AppError('VALUE_INVALID', field ? `Field '${field}' value is out of range.` : 'A value is out of range for its field.'));
  },
  invalidValue: (ctx: ErrorContext, name: string | undefined) => {
    const field = columnName(ctx, name);
    return done(new AppError('VALUE_INVALID', field ? `Field '${field}' has an invalid value.` : 'Invalid data supplied.'));
  },
  tableNotFound: (ctx: ErrorContext, name?: string) =>
    done(new AppError('TABLE_NOT_FOUND', `Table "${ctx.table?.name ?? name ?? ''}" does not exist in the database.`), true),
  fieldUnknown: (ctx: ErrorContext, name?: string) =>
    done(new AppError('FIELD_UNKNOWN', name ? `Invalid field requested: ${columnName(ctx, name)}` : 'Invalid field requested.'), true),
  unavailable: (ctx: ErrorContext) =>
    done(new AppError(
      'DB_UNAVAILABLE',
      ctx.service ? `Could not connect to the database of service '${ctx.service}'.` : 'Could not connect to the database.',
      null,
      { 'Retry-After': RETRY_AFTER_SECONDS },
    )),
  timeout: (ctx: ErrorContext) =>
    done(new AppError(
      'DB_TIMEOUT',
      ctx.statementTimeoutMs ? `The query exceeded the ${ctx.statementTimeoutMs} ms statement timeout.` : 'The query exceeded the statement timeout.',
    )),
};

/**
 * The first foreign key of the context table whose columns the statement wrote: SQLite does not
 * say which key failed, so the written columns decide.
 */
export function writtenForeignKeyColumns(ctx: ErrorContext): string[] {
  const written = new Set((ctx.columns ?? []).map((c) => c.toLowerCase()));
  const fk = ctx.table?.foreignKeys.find((f) => f.columns.every((c) => written.has(c.toLowerCase())));
  return fk ? [...fk.columns] : [];
}

/**
 * The first table (by name) whose foreign key to the context table can block this delete or
 * update: CASCADE and SET NULL keys never do, so they are skipped.
 */
export function firstReferencingTable(ctx: ErrorContext): string | undefined {
  const target = ctx.table?.name;
  if (!target) return undefined;
  const blocks = (action: string): boolean => action === 'RESTRICT' || action === 'NO ACTION';
  const referencing = ctx.tables?.filter((t) => t.foreignKeys.some((f) => f.refTable === target)) ?? [];
  const blocking = referencing.find((t) => t.foreignKeys.some((f) => f.refTable === target && blocks(ctx.operation === 'update' ? f.onUpdate : f.onDelete)));
  return (blocking ?? referencing[0])?.name;
}
