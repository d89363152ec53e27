import type { AppError } from '../../common/errors';
import type { DialectName } from '../dialect/dialect';
import { assertRoutinesSupported, routineNotFound, translateCallError } from './routine-errors';

/** TypeORM's QueryFailedError keeps the driver error as driverError and copies its fields. */
const wrapped = (driverError: object): object => ({ message: 'query failed: SELECT secret', driverError });

describe('translateCallError', () => {
  it.each<[string, DialectName, object, string, string]>([
    ['RAISE EXCEPTION', 'postgres', { code: 'P0001', message: 'custom pg failure' }, 'ROUTINE_ERROR', 'custom pg failure'],
    ['SIGNAL 45000', 'mysql', { errno: 1644, sqlState: '45000', sqlMessage: 'custom failure' }, 'ROUTINE_ERROR', 'custom failure'],
    ['a PostgreSQL statement timeout', 'postgres', { code: '57014', message: 'canceling statement' }, 'DB_TIMEOUT', 'The query exceeded the 500 ms statement timeout.'],
    ['a MariaDB max_statement_time', 'mysql', { errno: 1969, sqlState: '70100' }, 'DB_TIMEOUT', 'The query exceeded the 500 ms statement timeout.'],
    ['a unique violation', 'postgres', { code: '23505', message: 'duplicate key "x_pkey"' }, 'CONFLICT', 'Duplicate value for a unique field.'],
    ['a foreign-key violation', 'mysql', { errno: 1452 }, 'CONFLICT', 'Referenced record does not exist or is still referenced.'],
    ['a bad value', 'postgres', { code: '22P02', message: 'invalid input syntax for type integer: "x"' }, 'VALUE_INVALID', 'A value given to the routine is invalid for its type.'],
    ['a truncated value', 'mysql', { errno: 1406, sqlMessage: "Data too long for column 'x'" }, 'VALUE_INVALID', 'A value given to the routine is invalid for its type.'],
    ['a lost connection', 'mysql', { code: 'PROTOCOL_CONNECTION_LOST' }, 'DB_UNAVAILABLE', "Could not connect to the database of service 'db'."],
    ['a syntax error', 'postgres', { code: '42601', message: 'syntax error at or near "DROP"' }, 'INTERNAL', 'Failed to call database stored procedure.'],
    ['a missing table inside the routine', 'mysql', { errno: 1146, sqlMessage: "Table 'x.secret' doesn't exist" }, 'INTERNAL', 'Failed to call database stored procedure.'],
  ])('translates %s', (_label, dialect, driverError, reason, message) => {
    const context = { dialect, timeoutMs: 500, service: 'db' };
    for (const error of [driverError, wrapped(driverError)]) {
      const translated = translateCallError(error, context);
      expect({ reason: translated.reason, message: translated.message }).toEqual({ reason, message });
      expect(translated.cause).toBe(error);
    }
  });

  it('leaves an AppError as it is', () => {
    const error = routineNotFound('function', 'x');
    expect(translateCallError(error, { dialect: 'postgres' })).toBe(error);
  });

  it('turns a non-error into INTERNAL', () => {
    expect(translateCallError(undefined, { dialect: 'mysql' }).reason).toBe('INTERNAL');
  });
});

describe('routine 404s', () => {
  it.each([
    ['procedure', "Procedure 'x' does not exist in the database."],
    ['function', "Function 'x' does not exist in the database."],
  ] as const)('names the %s in ROUTINE_NOT_FOUND', (kind, message) => {
    const error = routineNotFound(kind, 'x');
    expect([error.reason, error.status, error.message]).toEqual(['ROUTINE_NOT_FOUND', 404, message]);
  });

  it('answers SQLite with the contract message', () => {
    expect(() => assertRoutinesSupported('sqlite', '_proc', 'db')).toThrow(
      expect.objectContaining({
        reason: 'ROUTINES_UNSUPPORTED',
        status: 404,
        message: "Resource '_proc' not found for service 'db'. SQLite databases have no stored procedures or functions.",
      }) as AppError,
    );
  });

  it.each<DialectName>(['postgres', 'mysql'])('lets %s through', (dialect) => {
    expect(assertRoutinesSupported(dialect, '_func', 'db')).toBeUndefined();
  });
});
