import { AppError } from '../../../common/errors';
import type { Engine } from '../../engines/engine';
import { unwrapDriverError } from '../../engines/errors.common';

/**
 * Driver errors of DDL statements in the contract's terms. Name clashes and objects still in use
 * are 409 CONFLICT; anything else the server refused (bad type for the data, NOT NULL over nulls,
 * SQLite limits, …) is 400 VALUE_INVALID without the driver's text; connection trouble keeps the
 * data plane's translation (503/504). Unknown, non-server errors return undefined (a 500).
 */
const PG_EXISTS = new Set(['42P07', '42701', '42710', '42P06']);
const PG_IN_USE = new Set(['2BP01']);
const MYSQL_EXISTS = new Set([1050, 1060, 1061, 1826]);
const MYSQL_IN_USE = new Set([1451, 1217, 3730, 1828, 1829, 1553, 1832]);

export interface DdlErrorResult {
  readonly error: AppError;
  /** The driver's code, to log when the error was turned into a generic 400. */
  readonly logCode?: string;
}

function exists(table: string): AppError {
  return new AppError('CONFLICT', `An object with that name already exists in table '${table}' or its database.`);
}

function inUse(table: string): AppError {
  return new AppError('CONFLICT', `Table '${table}' or one of its fields is still referenced by other database objects.`);
}

export function translateDdlError(error: unknown, engine: Engine, table: string, service: string): DdlErrorResult | undefined {
  const e = unwrapDriverError(error);
  if (!e) return undefined;
  const code = typeof e.code === 'string' ? e.code : '';
  const errno = typeof e.errno === 'number' ? e.errno : undefined;
  const message = typeof e.message === 'string' ? e.message : '';
  if (engine.name === 'postgres' && PG_EXISTS.has(code)) return { error: exists(table) };
  if (engine.name === 'postgres' && PG_IN_USE.has(code)) return { error: inUse(table) };
  if (engine.name === 'mysql' && errno !== undefined && MYSQL_EXISTS.has(errno)) return { error: exists(table) };
  if (engine.name === 'mysql' && errno !== undefined && MYSQL_IN_USE.has(errno)) return { error: inUse(table) };
  if (engine.name === 'sqlite' && code.startsWith('SQLITE_') && /already exists/.test(message)) return { error: exists(table) };
  const translated = engine.translateError(error, { service })?.error;
  if (translated?.reason === 'TABLE_NOT_FOUND') return { error: new AppError('VALUE_INVALID', `The change to table '${table}' names a table that does not exist.`) };
  if (translated) return { error: translated };
  const serverError = engine.name === 'postgres' ? /^[0-9A-Z]{5}$/.test(code) : engine.name === 'mysql' ? errno !== undefined && errno < 2000 : code.startsWith('SQLITE_');
  if (!serverError) return undefined;
  return { error: new AppError('VALUE_INVALID', `The database refused the change to table '${table}'.`), logCode: code || String(errno) };
}
