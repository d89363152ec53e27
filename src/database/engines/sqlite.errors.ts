import { dbErrors, firstReferencingTable, unwrapDriverError, writtenForeignKeyColumns, type ErrorContext, type TranslatedError } from './errors.common';

/**
 * better-sqlite3 errors by extended result code (https://www.sqlite.org/rescode.html). SQLite
 * names the columns of UNIQUE and NOT NULL failures (`contact.email`) but not which foreign key
 * failed; that comes from the context (the columns written, the tables referencing this one).
 */
const INVALID_VALUE = new Set(['SQLITE_CONSTRAINT_CHECK', 'SQLITE_MISMATCH', 'SQLITE_CONSTRAINT_DATATYPE', 'SQLITE_TOOBIG', 'SQLITE_RANGE']);
const UNAVAILABLE = /^SQLITE_(FULL|IOERR|CANTOPEN|BUSY|LOCKED|NOMEM|READONLY|CORRUPT|NOTADB|PROTOCOL)/;

/** `UNIQUE constraint failed: contact.email, contact.phone` → ['email', 'phone'] */
function failedColumns(message: string): string[] {
  const list = /constraint failed: (.+)$/.exec(message)?.[1];
  if (!list || list.startsWith('index ')) return [];
  return list.split(', ').map((c) => c.slice(c.indexOf('.') + 1));
}

function uniqueColumns(message: string, ctx: ErrorContext): string[] {
  const index = /constraint failed: index '([^']+)'/.exec(message)?.[1];
  if (index) return [...(ctx.table?.uniques.find((u) => u.name === index)?.columns ?? [])];
  return failedColumns(message);
}

function foreignKeyError(ctx: ErrorContext): TranslatedError {
  const written = writtenForeignKeyColumns(ctx);
  if (ctx.operation === 'delete' || (ctx.operation === 'update' && written.length === 0)) {
    return dbErrors.stillReferenced(firstReferencingTable(ctx));
  }
  return dbErrors.missingReference(written);
}

export function translateSqliteError(error: unknown, ctx: ErrorContext = {}): TranslatedError | undefined {
  const e = unwrapDriverError(error);
  if (!e) return undefined;
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  // ON DELETE RESTRICT fails as SQLITE_CONSTRAINT_TRIGGER with the same message.
  if (code.startsWith('SQLITE_CONSTRAINT') && /^FOREIGN KEY constraint failed/.test(message)) return foreignKeyError(ctx);
  switch (code) {
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
      return dbErrors.duplicate(uniqueColumns(message, ctx));
    case 'SQLITE_CONSTRAINT_NOTNULL':
      return dbErrors.notNull(ctx, failedColumns(message)[0]);
    case 'SQLITE_INTERRUPT':
      return dbErrors.timeout(ctx);
    case 'SQLITE_ERROR': {
      if (/^no such table/.test(message)) return dbErrors.tableNotFound(ctx);
      const field = /^no such column: (?:[^.]*\.)?(.+)$|has no column named (.+)$/.exec(message);
      return field ? dbErrors.fieldUnknown(ctx, field[1] ?? field[2]) : undefined;
    }
    default:
      break;
  }
  if (INVALID_VALUE.has(code)) return dbErrors.invalidValue(ctx, undefined);
  if (UNAVAILABLE.test(code)) return dbErrors.unavailable(ctx);
  return undefined;
}
