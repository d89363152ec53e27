import { isAbsolute, resolve } from 'node:path';

/** A parsed SYSTEM_DB_URL / DEFAULT_DB_URL. */
export type DatabaseUrl =
  | { readonly type: 'sqlite'; readonly path: string }
  | {
      readonly type: 'postgres' | 'mysql';
      readonly host: string;
      readonly port: number;
      readonly username?: string;
      readonly password?: string;
      readonly database: string;
      readonly schema?: string;
    };

/**
 * Parses the URL forms of API.md 1.2. Relative SQLite paths are resolved against `baseDir`.
 * @example parseDatabaseUrl('sqlite:storage/system.sqlite', '/srv') // { type: 'sqlite', path: '/srv/storage/system.sqlite' }
 * @example parseDatabaseUrl('postgres://u:p@h:5432/db?schema=app') // { type: 'postgres', host: 'h', …, schema: 'app' }
 */
export function parseDatabaseUrl(text: string, baseDir: string): DatabaseUrl {
  if (text.startsWith('sqlite:')) {
    const path = text.slice('sqlite:'.length);
    if (path === '') throw new Error('the SQLite path is empty');
    if (path === ':memory:') return { type: 'sqlite', path };
    return { type: 'sqlite', path: isAbsolute(path) ? path : resolve(baseDir, path) };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error('not a valid URL (sqlite:path, postgres://… or mysql://…)');
  }
  const scheme = url.protocol.replace(/:$/, '');
  const type = scheme === 'postgres' || scheme === 'postgresql' ? 'postgres' : scheme === 'mysql' || scheme === 'mariadb' ? 'mysql' : undefined;
  if (!type) throw new Error(`unsupported scheme '${scheme}' (use sqlite:, postgres:// or mysql://)`);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!url.hostname) throw new Error('the host is missing');
  if (!database) throw new Error('the database name is missing');
  const port = url.port ? Number(url.port) : type === 'postgres' ? 5432 : 3306;
  const schema = url.searchParams.get('schema') ?? undefined;
  return {
    type,
    host: url.hostname,
    port,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database,
    schema: type === 'postgres' ? (schema ?? 'public') : undefined,
  };
}

/** The URL without its password, for logs. */
export function describeDatabaseUrl(url: DatabaseUrl): string {
  if (url.type === 'sqlite') return `sqlite:${url.path}`;
  return `${url.type}://${url.username ? `${url.username}@` : ''}${url.host}:${url.port}/${url.database}`;
}
