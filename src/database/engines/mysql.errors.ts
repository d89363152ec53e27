import { AppError } from '../../common/errors';
import { findColumn } from '../schema-cache/schema.types';
import { dbErrors, isNetworkCode, unwrapDriverError, type ErrorContext, type TranslatedError } from './errors.common';

/**
 * mysql2 errors by server error number (https://mariadb.com/kb/en/mariadb-error-codes/,
 * https://dev.mysql.com/doc/mysql-errors/8.0/en/server-error-reference.html). The server names
 * keys and columns only inside its message, so those names are parsed out; the message itself
 * never reaches the client.
 */
const INVALID_VALUE = new Set([1366, 1292, 1265, 1367, 3140, 3819, 4025, 1411]);
const TIMEOUT = new Set([3024, 1969, 1205]);
const UNAVAILABLE = new Set([1040, 1053, 1203, 1129, 1021, 1114, 2002, 2003, 2006, 2013, 1045, 1044, 1049]);
const UNAVAILABLE_CODES = new Set(['PROTOCOL_CONNECTION_LOST', 'ER_SERVER_SHUTDOWN', 'POOL_CLOSED', 'ER_CON_COUNT_ERROR', 'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR']);

const quoted = (message: string, pattern: RegExp): string | undefined => pattern.exec(message)?.[1];

/** `for column 'age'` (MySQL) or ``for column `db`.`t`.`age` `` (MariaDB). */
function columnOf(message: string): string | undefined {
  const m = /column (?:`[^`]*`\.`[^`]*`\.`([^`]+)`|'([^']+)')/.exec(message);
  return m?.[1] ?? m?.[2];
}

function duplicate(message: string, ctx: ErrorContext): TranslatedError {
  // MySQL 8 writes 'table.key', MariaDB just 'key'.
  const key = quoted(message, /for key '(?:[^'.]*\.)?([^']+)'$/);
  const table = ctx.table;
  if (key === 'PRIMARY' && table) return dbErrors.duplicate(table.primaryKey);
  const unique = table?.uniques.find((u) => u.name === key);
  return dbErrors.duplicate(unique ? unique.columns : []);
}

function backticked(list: string | undefined): string[] {
  return list ? [...list.matchAll(/`((?:[^`]|``)+)`/g)].map((m) => (m[1] ?? '').replace(/``/g, '`')) : [];
}

export function translateMysqlError(error: unknown, ctx: ErrorContext = {}): TranslatedError | undefined {
  const e = unwrapDriverError(error);
  if (!e) return undefined;
  const errno = typeof e.errno === 'number' ? e.errno : undefined;
  const message = typeof e.sqlMessage === 'string' ? e.sqlMessage : typeof e.message === 'string' ? e.message : '';
  switch (errno) {
    case 1062:
    case 1586:
      return duplicate(message, ctx);
    case 1452:
    case 1216:
      return dbErrors.missingReference(backticked(quoted(message, /FOREIGN KEY \(([^)]*)\)/)));
    case 1451:
    case 1217:
      return dbErrors.stillReferenced(quoted(message, /fails \(`[^`]*`\.`((?:[^`]|``)+)`/)?.replace(/``/g, '`'));
    case 1048:
      return dbErrors.notNull(ctx, quoted(message, /Column '([^']+)'/));
    case 1364: {
      const field = quoted(message, /Field '([^']+)'/);
      const name = (field && ctx.table && findColumn(ctx.table, field)?.name) ?? field;
      return { error: new AppError('VALUE_INVALID', name ? `Required field '${name}' can not be NULL.` : 'A required field can not be NULL.'), staleSchema: false };
    }
    case 1406:
      return dbErrors.tooLong(ctx, columnOf(message));
    case 1264:
    case 1690:
      return dbErrors.outOfRange(ctx, columnOf(message));
    case 1146:
      return dbErrors.tableNotFound(ctx);
    case 1054:
      return dbErrors.fieldUnknown(ctx, quoted(message, /Unknown column '(?:[^'.]*\.)?([^']+)'/));
    default:
      break;
  }
  if (errno !== undefined && INVALID_VALUE.has(errno)) {
    // MariaDB's JSON check is named after its column: CONSTRAINT `j` failed for `db`.`t`.
    const constraint = quoted(message, /CONSTRAINT `([^`]+)`/);
    return dbErrors.invalidValue(ctx, columnOf(message) ?? (constraint && ctx.table && findColumn(ctx.table, constraint) ? constraint : undefined));
  }
  if ((errno !== undefined && TIMEOUT.has(errno)) || e.code === 'PROTOCOL_SEQUENCE_TIMEOUT') return dbErrors.timeout(ctx);
  if ((errno !== undefined && UNAVAILABLE.has(errno)) || UNAVAILABLE_CODES.has(String(e.code)) || isNetworkCode(e.code) || /Pool is closed|Queue limit reached/i.test(message)) {
    return dbErrors.unavailable(ctx);
  }
  return undefined;
}
