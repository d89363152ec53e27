import { dbErrors, isNetworkCode, unwrapDriverError, type ErrorContext, type TranslatedError } from './errors.common';

/**
 * node-postgres errors by SQLSTATE (https://www.postgresql.org/docs/current/errcodes-appendix.html).
 * Field names come from the error's `column`/`constraint` fields or the schema, never its message.
 */
const INVALID_VALUE = new Set(['22P02', '22007', '22008', '22023', '22021', '22P05', '2200N', '22025', '22018', '22019', '22004', '23514']);
const UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '53300', '53100', '53200']);
// pg raises these without a code when the socket or pool goes away.
const LOST = /Connection terminated|timeout exceeded when trying to connect|not queryable|Cannot use a pool after calling end/i;

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** `Key (a, b)=(1, 2) already exists.` → ['a', 'b'] */
function detailColumns(detail: string | undefined): string[] {
  const m = detail ? /^Key \((.+?)\)=\(/.exec(detail) : null;
  return m?.[1] ? m[1].split(', ').map((c) => c.replace(/^"|"$/g, '')) : [];
}

function uniqueColumns(ctx: ErrorContext, constraint: string | undefined, detail: string | undefined): string[] {
  const table = ctx.table;
  if (table && constraint) {
    if (constraint === table.primaryKeyName) return [...table.primaryKey];
    const unique = table.uniques.find((u) => u.name === constraint);
    if (unique) return [...unique.columns];
  }
  return detailColumns(detail);
}

function foreignKeyError(e: Record<string, unknown>, ctx: ErrorContext): TranslatedError {
  const detail = text(e.detail) ?? '';
  const referencing = text(e.table);
  if (/is still referenced/.test(detail) || (!/is not present/.test(detail) && ctx.operation === 'delete')) {
    return dbErrors.stillReferenced(referencing);
  }
  const fk = ctx.table?.foreignKeys.find((f) => f.name === text(e.constraint));
  return dbErrors.missingReference(fk ? fk.columns : detailColumns(detail));
}

/**
 * PostgreSQL names the type, not the column (`value too long for type character varying(64)`):
 * the column is the one written column declared with that length, when there is exactly one.
 */
function tooLongColumn(ctx: ErrorContext, message: string | undefined): string | undefined {
  const length = Number(/\((\d+)\)/.exec(message ?? '')?.[1]);
  const written = new Set(ctx.columns ?? []);
  const candidates = ctx.table?.columns.filter((c) => written.has(c.name) && c.length === length) ?? [];
  return candidates.length === 1 ? candidates[0]?.name : undefined;
}

export function translatePostgresError(error: unknown, ctx: ErrorContext = {}): TranslatedError | undefined {
  const e = unwrapDriverError(error);
  if (!e) return undefined;
  const code = text(e.code) ?? '';
  switch (code) {
    case '23505':
      return dbErrors.duplicate(uniqueColumns(ctx, text(e.constraint), text(e.detail)));
    case '23503':
      return foreignKeyError(e, ctx);
    case '23502':
      return dbErrors.notNull(ctx, text(e.column));
    case '22001':
      return dbErrors.tooLong(ctx, text(e.column) ?? tooLongColumn(ctx, text(e.message)));
    case '22003':
      return dbErrors.outOfRange(ctx, text(e.column));
    case '42P01':
      return dbErrors.tableNotFound(ctx);
    case '42703':
      return dbErrors.fieldUnknown(ctx, /column "?([^" ]+)"? does not exist/.exec(text(e.message) ?? '')?.[1]?.split('.').pop());
    case '57014':
      return dbErrors.timeout(ctx);
    default:
      break;
  }
  if (INVALID_VALUE.has(code)) return dbErrors.invalidValue(ctx, text(e.column));
  if (code.startsWith('08') || UNAVAILABLE.has(code) || isNetworkCode(code) || (!code && LOST.test(text(e.message) ?? ''))) {
    return dbErrors.unavailable(ctx);
  }
  return undefined;
}
