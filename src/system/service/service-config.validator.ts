import { isAbsolute, relative, resolve } from 'node:path';
import type { AppConfig } from '../../config';
import { AppError } from '../../common/errors';
import { SECRET_MASK } from './service-config';
import { SERVICE_TYPES } from '../service-type/service-types';

type Problems = Record<string, string[]>;
const UNSUPPORTED_KEYS = ['statements', 'options', 'attributes'];

/** Defaults of every config key of a type (API.md 4.2, 4.3). */
export function configDefaults(type: string): Record<string, unknown> {
  const definition = SERVICE_TYPES.find((t) => t.name === type);
  return Object.fromEntries((definition?.config_schema ?? []).map((f) => [f.name, f.default]));
}

/**
 * Validates and normalises a database service's config: required keys, types, ranges, SQLite
 * paths confined to STORAGE_DIR, nothing resolving to the system database. `stored` is the
 * current config (for merges and kept secrets). Throws VALUE_INVALID with a field map.
 */
export function validateServiceConfig(type: string, input: unknown, stored: Record<string, unknown> | undefined, config: AppConfig): Record<string, unknown> {
  if (input !== undefined && input !== null && (typeof input !== 'object' || Array.isArray(input))) {
    throw new AppError('VALUE_INVALID', 'Invalid data supplied.', { config: ['The config must be an object.'] });
  }
  const given = (input ?? {}) as Record<string, unknown>;
  for (const key of UNSUPPORTED_KEYS) {
    if (key in given && given[key] !== null) throw new AppError('FEATURE_UNSUPPORTED', `Service config '${key}' is not supported.`);
  }
  const schema = SERVICE_TYPES.find((t) => t.name === type)?.config_schema ?? [];
  const merged: Record<string, unknown> = { ...(stored ?? {}) };
  for (const field of schema) {
    if (!(field.name in given)) continue;
    const value = given[field.name];
    if (value === null) delete merged[field.name];
    else if (field.type === 'password' && value === SECRET_MASK) continue;
    else merged[field.name] = value;
  }
  const problems: Problems = {};
  const add = (key: string, message: string) => (problems[`config.${key}`] ??= []).push(message);
  const out: Record<string, unknown> = {};
  for (const field of schema) {
    const value = merged[field.name];
    if (value === undefined || value === null || value === '') {
      if (field.required) add(field.name, `The ${field.name} field is required.`);
      continue;
    }
    if (field.type === 'integer') {
      if (typeof value !== 'number' && !(typeof value === 'string' && /^\d+$/.test(value))) add(field.name, `The ${field.name} must be an integer.`);
      else out[field.name] = Number(value);
    } else if (field.type === 'boolean') {
      if (typeof value !== 'boolean') add(field.name, `The ${field.name} must be true or false.`);
      else out[field.name] = value;
    } else if (field.type === 'picklist') {
      if (![true, false, 'no-verify'].includes(value as never)) add(field.name, `The ${field.name} must be true, false or "no-verify".`);
      else out[field.name] = value;
    } else if (typeof value !== 'string' || value.length > 1024 || value.includes('\u0000')) {
      add(field.name, `The ${field.name} must be a string.`);
    } else {
      out[field.name] = value;
    }
  }
  const maxRecords = out.max_records;
  if (typeof maxRecords === 'number' && (maxRecords < 1 || maxRecords > 100000)) add('max_records', 'The max_records must be between 1 and 100000.');
  const port = out.port;
  if (typeof port === 'number' && (port < 1 || port > 65535)) add('port', 'The port must be between 1 and 65535.');
  if (typeof out.schema === 'string' && !/^[A-Za-z_][A-Za-z0-9_$]{0,62}$/.test(out.schema)) add('schema', 'The schema must be a plain identifier.');
  if (type === 'sqlite' && typeof out.database === 'string') checkSqlitePath(out.database, stored?.database, config, add);
  if ((type === 'pgsql' || type === 'mysql') && resolvesToSystemDb(type, out, config)) add('database', 'A service can not use the system database.');
  if (Object.keys(problems).length > 0) throw new AppError('VALUE_INVALID', 'Invalid data supplied.', problems);
  return out;
}

function checkSqlitePath(path: string, storedPath: unknown, config: AppConfig, add: (key: string, message: string) => void): void {
  // A path the operator gave in DEFAULT_DB_URL is trusted as is; values written through the API are confined.
  if (path === storedPath || path === ':memory:') return;
  const full = resolve(config.storageDir, path);
  const inside = relative(config.storageDir, full);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    add('database', 'The database must be a file inside the storage directory.');
  } else if (config.systemDb.type === 'sqlite' && resolve(config.systemDb.path) === full) {
    add('database', 'A service can not use the system database.');
  } else if (/[\\:]/.test(path) || path.split('/').some((segment) => segment === '..' || segment === '.')) {
    add('database', 'The database must be a plain file name inside the storage directory.');
  }
}

function resolvesToSystemDb(type: string, out: Record<string, unknown>, config: AppConfig): boolean {
  const system = config.systemDb;
  if (system.type === 'sqlite') return false;
  if ((type === 'pgsql') !== (system.type === 'postgres')) return false;
  const sameHost = String(out.host).toLowerCase() === system.host.toLowerCase() || (isLocal(String(out.host)) && isLocal(system.host));
  const samePort = Number(out.port ?? (type === 'pgsql' ? 5432 : 3306)) === system.port;
  const sameDb = out.database === system.database;
  const sameSchema = type !== 'pgsql' || (out.schema ?? 'public') === (system.schema ?? 'public');
  return sameHost && samePort && sameDb && sameSchema;
}

function isLocal(host: string): boolean {
  return ['localhost', '127.0.0.1', '::1', '[::1]'].includes(host.toLowerCase());
}
