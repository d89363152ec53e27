import { AppError, isAppError } from '../../common/errors';
import type { DialectName } from '../dialect/dialect';
import type { RoutineKind } from './routine.types';

export const RESOURCE_BY_KIND: Readonly<Record<RoutineKind, '_proc' | '_func'>> = { procedure: '_proc', function: '_func' };

const NOUN: Readonly<Record<RoutineKind, string>> = { procedure: 'Procedure', function: 'Function' };

export function routineNoun(kind: RoutineKind): string {
  return NOUN[kind];
}

/** 404 for a name that is not in the catalog (API.md 3.16.1). */
export function routineNotFound(kind: RoutineKind, name: string): AppError {
  return new AppError('ROUTINE_NOT_FOUND', `${NOUN[kind]} '${name}' does not exist in the database.`);
}

/**
 * The contract's 404 for `_proc`/`_func` on a SQLite service (API.md 3.16). Call before anything
 * else on those paths.
 */
export function assertRoutinesSupported(dialect: DialectName, resource: '_proc' | '_func', service: string): void {
  if (dialect !== 'sqlite') return;
  throw new AppError(
    'ROUTINES_UNSUPPORTED',
    `Resource '${resource}' not found for service '${service}'. SQLite databases have no stored procedures or functions.`,
  );
}

interface DriverError {
  code?: unknown;
  errno?: unknown;
  sqlState?: unknown;
  sqlMessage?: unknown;
  message?: unknown;
}

const PG_CONFLICT = new Set(['23505', '23503']);
const PG_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '53300']);
const MYSQL_CONFLICT = new Set([1062, 1451, 1452]);
const MYSQL_INVALID = new Set([1048, 1264, 1265, 1292, 1366, 1406, 1411]);
/** MariaDB max_statement_time (1969), MySQL max_execution_time (3024). */
const MYSQL_TIMEOUT = new Set([1969, 3024]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'PROTOCOL_CONNECTION_LOST']);

export interface ErrorContext {
  readonly dialect: DialectName;
  /** For the DB_TIMEOUT message. */
  readonly timeoutMs?: number;
  /** For the DB_UNAVAILABLE message. */
  readonly service?: string;
}

/**
 * Turns whatever a routine call threw into the contract's error (API.md 2.8, 3.16.2): the
 * routine's own RAISE EXCEPTION (SQLSTATE P0001) or SIGNAL (SQLSTATE 45000) → ROUTINE_ERROR with
 * its message; timeouts → DB_TIMEOUT; constraint and type errors → CONFLICT / VALUE_INVALID;
 * lost connections → DB_UNAVAILABLE; anything else → INTERNAL without driver text. The driver
 * error is kept as `cause` for the log.
 */
export function translateCallError(error: unknown, context: ErrorContext): AppError {
  if (isAppError(error)) return error;
  // TypeORM wraps driver errors in QueryFailedError and keeps the original as driverError.
  const driver = ((error as { driverError?: unknown } | null)?.driverError ?? error) as DriverError | null;
  const translated = driver ? classify(driver, context) : undefined;
  const result = translated ?? new AppError('INTERNAL', 'Failed to call database stored procedure.');
  result.cause = error;
  return result;
}

function classify(driver: DriverError, context: ErrorContext): AppError | undefined {
  const code = typeof driver.code === 'string' ? driver.code : '';
  if (NETWORK_CODES.has(code)) return unavailable(context);
  if (context.dialect === 'postgres') {
    if (code === 'P0001') return new AppError('ROUTINE_ERROR', String(driver.message ?? ''));
    if (code === '57014') return timeout(context);
    if (PG_CONFLICT.has(code)) return conflict(code === '23505');
    if (code === '23502' || code.startsWith('22')) return invalidValue();
    if (code.startsWith('08') || PG_UNAVAILABLE.has(code)) return unavailable(context);
    return undefined;
  }
  const errno = typeof driver.errno === 'number' ? driver.errno : -1;
  if (errno === 1644 || driver.sqlState === '45000') {
    return new AppError('ROUTINE_ERROR', String(driver.sqlMessage ?? driver.message ?? ''));
  }
  if (MYSQL_TIMEOUT.has(errno) || code === 'PROTOCOL_SEQUENCE_TIMEOUT') return timeout(context);
  if (MYSQL_CONFLICT.has(errno)) return conflict(errno === 1062);
  if (MYSQL_INVALID.has(errno)) return invalidValue();
  return undefined;
}

function timeout(context: ErrorContext): AppError {
  const limit = context.timeoutMs === undefined ? '' : ` ${context.timeoutMs} ms`;
  return new AppError('DB_TIMEOUT', `The query exceeded the${limit} statement timeout.`);
}

function conflict(isDuplicate: boolean): AppError {
  return new AppError(
    'CONFLICT',
    isDuplicate ? 'Duplicate value for a unique field.' : 'Referenced record does not exist or is still referenced.',
  );
}

function invalidValue(): AppError {
  return new AppError('VALUE_INVALID', 'A value given to the routine is invalid for its type.');
}

function unavailable(context: ErrorContext): AppError {
  const service = context.service === undefined ? '' : ` of service '${context.service}'`;
  return new AppError('DB_UNAVAILABLE', `Could not connect to the database${service}.`);
}
