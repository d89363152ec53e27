/**
 * Tables and request contexts shared by the filter specs: `contact` as in API.md 3.10.9 (the
 * caller is user 42, alice@example.com) plus columns of every type family, and `orders` for
 * grouping and `having`.
 */
import { plainColumn, type ColumnSchema, type SimpleType, type TableSchema } from '../../src/database/schema-cache/schema.types';
import type { LookupResult } from '../../src/filter/lookups';

export function column(name: string, type: SimpleType, dbType: string = type, extra: Partial<ColumnSchema> = {}): ColumnSchema {
  return plainColumn({ name, type, dbType, ...extra });
}

export function table(name: string, columns: ColumnSchema[], version = 1): TableSchema {
  return { name, isView: false, columns, primaryKey: ['id'], foreignKeys: [], uniques: [], version };
}

export const contact: TableSchema = table('contact', [
  column('id', 'id', 'integer', { isPrimaryKey: true, allowNull: false, autoIncrement: true }),
  column('first_name', 'string', 'varchar(40)', { length: 40 }),
  column('last_name', 'string', 'varchar(40)', { length: 40 }),
  column('email', 'string', 'varchar(255)', { length: 255 }),
  column('age', 'integer', 'integer'),
  column('active', 'boolean', 'boolean'),
  column('owner_id', 'reference', 'integer'),
  column('created_at', 'timestamp', 'timestamp'),
  column('birthday', 'date', 'date'),
  column('opens_at', 'time', 'time'),
  column('balance', 'decimal', 'numeric(10,2)'),
  column('score', 'double', 'double precision'),
  column('big', 'bigint', 'bigint'),
  column('tiny', 'tinyint', 'tinyint'),
  column('uid', 'uuid', 'uuid'),
  column('data', 'json', 'json'),
  column('note', 'text', 'text'),
  column('Order Date', 'date', 'date'),
  column('select', 'string', 'varchar(10)'),
]);

export const orders: TableSchema = table('orders', [
  column('id', 'id', 'integer', { isPrimaryKey: true, allowNull: false }),
  column('status', 'string', 'varchar(20)'),
  column('region', 'string', 'varchar(20)'),
  column('total', 'decimal', 'numeric(10,2)'),
  column('qty', 'integer', 'integer'),
  column('placed_on', 'date', 'date'),
]);

const LOOKUPS: Readonly<Record<string, unknown>> = {
  'user.id': 42,
  'user.email': 'alice@example.com',
  'user.display_name': 'Alice Smith',
  'user.first_name': 'alice',
  'role.name': 'reader',
  region: 'EU',
  'user.last_login_date': null,
};

/** Lookups of the example caller; `user.last_login_date` is known but has no value. */
export function lookup(key: string): LookupResult {
  return Object.hasOwn(LOOKUPS, key) ? { known: true, value: LOOKUPS[key] } : { known: false, value: undefined };
}

/** A guest: the `user.*` keys are known but have no value. */
export function guestLookup(key: string): LookupResult {
  return key.startsWith('user.') ? { known: true, value: null } : lookup(key);
}

export const params: Readonly<Record<string, unknown>> = {
  ':ln': 'Doe', ':n': 30, ':yes': true, ':greeting': 'hi {user.first_name}', ':nul': null, ':obj': { a: 1 },
};
