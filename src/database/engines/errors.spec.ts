import { makeColumn } from '../../../test/database/column.factory';
import type { TableSchema } from '../schema-cache/schema.types';
import type { ErrorContext } from './errors.common';
import { translateMysqlError } from './mysql.errors';
import { translatePostgresError } from './postgres.errors';
import { translateSqliteError } from './sqlite.errors';

const contact: TableSchema = {
  name: 'contact', isView: false, primaryKey: ['id'], primaryKeyName: 'contact_pkey', version: 1, foreignKeys: [],
  uniques: [{ name: 'contact_email_key', columns: ['email'] }],
  columns: [
    makeColumn({ name: 'id', type: 'id', isPrimaryKey: true }),
    makeColumn({ name: 'first_name', type: 'string', length: 64, allowNull: false }),
    makeColumn({ name: 'email', type: 'string', length: 255 }),
    makeColumn({ name: 'age', type: 'integer' }),
  ],
};
const orders: TableSchema = {
  name: 'orders', isView: false, primaryKey: ['id'], version: 1, uniques: [], columns: [makeColumn({ name: 'contact_id', type: 'reference' })],
  foreignKeys: [{ name: 'orders_contact_id_fkey', columns: ['contact_id'], refTable: 'contact', refColumns: ['id'], onUpdate: 'NO ACTION', onDelete: 'RESTRICT' }],
};
const info: TableSchema = { ...orders, name: 'contact_info', foreignKeys: [{ ...orders.foreignKeys[0]!, onDelete: 'CASCADE' }] };
const ctx: ErrorContext = { service: 'db', table: contact, tables: [contact, info, orders], statementTimeoutMs: 30000 };
const onOrders: ErrorContext = { table: orders, operation: 'insert', columns: ['contact_id'] };

type Case = readonly [string, unknown, ErrorContext, string, string];

const expectTranslation = (translate: (e: unknown, c: ErrorContext) => { error: { reason: string; message: string } } | undefined) =>
  (_label: string, error: unknown, context: ErrorContext, reason: string, message: string) => {
    const translated = translate(error, context);
    expect(translated && [translated.error.reason, translated.error.message]).toEqual([reason, message]);
  };

describe('translatePostgresError', () => {
  it.each<Case>([
    ['unique by constraint', { code: '23505', constraint: 'contact_email_key', detail: 'Key (email)=(x) already exists.' }, ctx, 'CONFLICT', "Duplicate value for unique field(s) 'email'."],
    ['unique from detail', { code: '23505', constraint: 'other', detail: 'Key (a, b)=(1, 2) already exists.' }, ctx, 'CONFLICT', "Duplicate value for unique field(s) 'a, b'."],
    ['primary key', { code: '23505', constraint: 'contact_pkey' }, ctx, 'CONFLICT', "Duplicate value for unique field(s) 'id'."],
    ['missing reference', { code: '23503', constraint: 'orders_contact_id_fkey', table: 'orders', detail: 'Key (contact_id)=(9) is not present in table "contact".' }, onOrders, 'CONFLICT', "Referenced record does not exist for field 'contact_id'."],
    ['still referenced', { code: '23503', table: 'orders', detail: 'Key (id)=(3) is still referenced from table "orders".' }, { table: contact, operation: 'delete' }, 'CONFLICT', "Record is still referenced by table 'orders'."],
    ['not null', { code: '23502', column: 'first_name' }, ctx, 'VALUE_INVALID', "Field 'first_name' can not be NULL."],
    ['too long', { code: '22001', message: 'value too long for type character varying(64)' }, { ...ctx, columns: ['first_name', 'email'] }, 'VALUE_INVALID', "Field 'first_name' value is too long (max 64)."],
    ['too long, column unknown', { code: '22001', message: 'value too long for type character varying(10)' }, ctx, 'VALUE_INVALID', 'A value is too long for its field.'],
    ['out of range', { code: '22003' }, ctx, 'VALUE_INVALID', 'A value is out of range for its field.'],
    ['bad text for a type', { code: '22P02' }, ctx, 'VALUE_INVALID', 'Invalid data supplied.'],
    ['check violation', { code: '23514' }, ctx, 'VALUE_INVALID', 'Invalid data supplied.'],
    ['missing table', { code: '42P01' }, ctx, 'TABLE_NOT_FOUND', 'Table "contact" does not exist in the database.'],
    ['missing column', { code: '42703', message: 'column "age" does not exist' }, ctx, 'FIELD_UNKNOWN', 'Invalid field requested: age'],
    ['statement timeout', { code: '57014' }, ctx, 'DB_TIMEOUT', 'The query exceeded the 30000 ms statement timeout.'],
    ['connection refused', { code: 'ECONNREFUSED' }, ctx, 'DB_UNAVAILABLE', "Could not connect to the database of service 'db'."],
    ['admin shutdown', { code: '57P01' }, ctx, 'DB_UNAVAILABLE', "Could not connect to the database of service 'db'."],
    ['socket lost', new Error('Connection terminated unexpectedly'), {}, 'DB_UNAVAILABLE', 'Could not connect to the database.'],
    ['wrapped by TypeORM', { name: 'QueryFailedError', driverError: { code: '23502', column: 'first_name' } }, ctx, 'VALUE_INVALID', "Field 'first_name' can not be NULL."],
  ])('%s', expectTranslation(translatePostgresError));

  it.each([[{ code: '42601' }], [new Error('boom')], ['text'], [null]])('leaves %p to the caller as unknown', (error) => {
    expect(translatePostgresError(error, ctx)).toBeUndefined();
  });

  it('marks missing tables and columns as a stale schema', () => {
    expect(translatePostgresError({ code: '42P01' }, ctx)?.staleSchema).toBe(true);
    expect(translatePostgresError({ code: '23505' }, ctx)?.staleSchema).toBe(false);
  });

  it('sends Retry-After with DB_UNAVAILABLE', () => {
    expect(translatePostgresError({ code: 'ECONNRESET' }, ctx)?.error.headers).toEqual({ 'Retry-After': '5' });
  });
});

describe('translateMysqlError', () => {
  it.each<Case>([
    ['unique (MariaDB)', { errno: 1062, sqlMessage: "Duplicate entry 'a@b.c' for key 'contact_email_key'" }, ctx, 'CONFLICT', "Duplicate value for unique field(s) 'email'."],
    ['unique (MySQL 8)', { errno: 1062, sqlMessage: "Duplicate entry 'a@b.c' for key 'contact.contact_email_key'" }, ctx, 'CONFLICT', "Duplicate value for unique field(s) 'email'."],
    ['primary key', { errno: 1062, sqlMessage: "Duplicate entry '3' for key 'PRIMARY'" }, ctx, 'CONFLICT', "Duplicate value for unique field(s) 'id'."],
    ['missing reference', { errno: 1452, sqlMessage: 'Cannot add or update a child row: a foreign key constraint fails (`db`.`orders`, CONSTRAINT `orders_contact_id_fkey` FOREIGN KEY (`contact_id`) REFERENCES `contact` (`id`))' }, onOrders, 'CONFLICT', "Referenced record does not exist for field 'contact_id'."],
    ['still referenced', { errno: 1451, sqlMessage: 'Cannot delete or update a parent row: a foreign key constraint fails (`db`.`orders`, CONSTRAINT `x` FOREIGN KEY (`contact_id`) REFERENCES `contact` (`id`))' }, ctx, 'CONFLICT', "Record is still referenced by table 'orders'."],
    ['not null', { errno: 1048, sqlMessage: "Column 'first_name' cannot be null" }, ctx, 'VALUE_INVALID', "Field 'first_name' can not be NULL."],
    ['no default', { errno: 1364, sqlMessage: "Field 'first_name' doesn't have a default value" }, ctx, 'VALUE_INVALID', "Required field 'first_name' can not be NULL."],
    ['too long', { errno: 1406, sqlMessage: "Data too long for column 'first_name' at row 1" }, ctx, 'VALUE_INVALID', "Field 'first_name' value is too long (max 64)."],
    ['out of range', { errno: 1264, sqlMessage: "Out of range value for column 'age' at row 1" }, ctx, 'VALUE_INVALID', "Field 'age' value is out of range."],
    ['bad value (MariaDB)', { errno: 1366, sqlMessage: "Incorrect integer value: 'x' for column `db`.`contact`.`age` at row 1" }, ctx, 'VALUE_INVALID', "Field 'age' has an invalid value."],
    ['JSON check (MariaDB)', { errno: 4025, sqlMessage: 'CONSTRAINT `email` failed for `db`.`contact`' }, ctx, 'VALUE_INVALID', "Field 'email' has an invalid value."],
    ['missing table', { errno: 1146, sqlMessage: "Table 'db.contact' doesn't exist" }, ctx, 'TABLE_NOT_FOUND', 'Table "contact" does not exist in the database.'],
    ['missing column', { errno: 1054, sqlMessage: "Unknown column 't.age' in 'field list'" }, ctx, 'FIELD_UNKNOWN', 'Invalid field requested: age'],
    ['MariaDB statement timeout', { errno: 1969 }, ctx, 'DB_TIMEOUT', 'The query exceeded the 30000 ms statement timeout.'],
    ['MySQL statement timeout', { errno: 3024 }, {}, 'DB_TIMEOUT', 'The query exceeded the statement timeout.'],
    ['connection lost', { code: 'PROTOCOL_CONNECTION_LOST' }, ctx, 'DB_UNAVAILABLE', "Could not connect to the database of service 'db'."],
    ['too many connections', { errno: 1040 }, ctx, 'DB_UNAVAILABLE', "Could not connect to the database of service 'db'."],
  ])('%s', expectTranslation(translateMysqlError));

  it('leaves a syntax error to the caller', () => {
    expect(translateMysqlError({ errno: 1064, sqlMessage: 'You have an error in your SQL syntax' }, ctx)).toBeUndefined();
  });
});

describe('translateSqliteError', () => {
  it.each<Case>([
    ['unique', { code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed: contact.email' }, ctx, 'CONFLICT', "Duplicate value for unique field(s) 'email'."],
    ['primary key', { code: 'SQLITE_CONSTRAINT_PRIMARYKEY', message: 'UNIQUE constraint failed: contact.id' }, ctx, 'CONFLICT', "Duplicate value for unique field(s) 'id'."],
    ['unique expression index', { code: 'SQLITE_CONSTRAINT_UNIQUE', message: "UNIQUE constraint failed: index 'contact_email_key'" }, ctx, 'CONFLICT', "Duplicate value for unique field(s) 'email'."],
    ['missing reference', { code: 'SQLITE_CONSTRAINT_FOREIGNKEY', message: 'FOREIGN KEY constraint failed' }, onOrders, 'CONFLICT', "Referenced record does not exist for field 'contact_id'."],
    ['still referenced (RESTRICT)', { code: 'SQLITE_CONSTRAINT_TRIGGER', message: 'FOREIGN KEY constraint failed' }, { ...ctx, operation: 'delete' }, 'CONFLICT', "Record is still referenced by table 'orders'."],
    ['not null', { code: 'SQLITE_CONSTRAINT_NOTNULL', message: 'NOT NULL constraint failed: contact.first_name' }, ctx, 'VALUE_INVALID', "Field 'first_name' can not be NULL."],
    ['check', { code: 'SQLITE_CONSTRAINT_CHECK', message: 'CHECK constraint failed: x' }, ctx, 'VALUE_INVALID', 'Invalid data supplied.'],
    ['missing table', { code: 'SQLITE_ERROR', message: 'no such table: contact' }, ctx, 'TABLE_NOT_FOUND', 'Table "contact" does not exist in the database.'],
    ['missing column', { code: 'SQLITE_ERROR', message: 'table contact has no column named age' }, ctx, 'FIELD_UNKNOWN', 'Invalid field requested: age'],
    ['disk full', { code: 'SQLITE_FULL', message: 'database or disk is full' }, ctx, 'DB_UNAVAILABLE', "Could not connect to the database of service 'db'."],
    ['busy', { code: 'SQLITE_BUSY', message: 'database is locked' }, ctx, 'DB_UNAVAILABLE', "Could not connect to the database of service 'db'."],
  ])('%s', expectTranslation(translateSqliteError));

  it('leaves a syntax error to the caller', () => {
    expect(translateSqliteError({ code: 'SQLITE_ERROR', message: 'near "x": syntax error' }, ctx)).toBeUndefined();
  });
});
