import { ConfigError, loadConfig, parseSize } from './load-config';
import { parseDatabaseUrl, describeDatabaseUrl } from './database-url';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config).toMatchObject({
      port: 3000,
      storageDir: '/srv/app/storage',
      systemDb: { type: 'sqlite', path: '/srv/app/storage/system.sqlite' },
      defaultDb: undefined,
      adminEmail: 'admin@localhost',
      adminPassword: undefined,
      jwtTtlMinutes: 1440,
      jwtRefreshTtlMinutes: 20160,
      passwordMinLength: 8,
      bodyLimitBytes: 5 * 1024 * 1024,
      maxBatchSize: 1000,
      dbPoolSize: 10,
      dbStatementTimeoutMs: 30000,
      logLevel: 'info',
      publicUrl: 'http://localhost:3000',
    });
  });

  it('lists every invalid variable at once', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'abc', SYSTEM_DB_URL: 'oracle://x/y', JWT_SECRET: 'short', ADMIN_PASSWORD: 'abc', BODY_LIMIT: 'lots', LOG_LEVEL: 'loud', TRUST_PROXY: 'maybe' }, '/srv');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const names = (caught as ConfigError).problems.map((p) => p.split(':')[0]);
    expect(names).toEqual(['PORT', 'SYSTEM_DB_URL', 'ADMIN_PASSWORD', 'JWT_SECRET', 'BODY_LIMIT', 'LOG_LEVEL', 'TRUST_PROXY']);
  });

  it('never repeats a database URL (it may hold a password) in its messages', () => {
    expect(() => loadConfig({ DEFAULT_DB_URL: 'postgres://u:s3cret@/nodb' }, '/srv')).toThrow(ConfigError);
    try {
      loadConfig({ DEFAULT_DB_URL: 'postgres://u:s3cret@/nodb' }, '/srv');
    } catch (error) {
      expect((error as Error).message).not.toContain('s3cret');
    }
  });
});

describe('parseDatabaseUrl', () => {
  it.each([
    ['sqlite:data/x.sqlite', { type: 'sqlite', path: '/base/data/x.sqlite' }],
    ['sqlite:/abs/x.sqlite', { type: 'sqlite', path: '/abs/x.sqlite' }],
    ['sqlite::memory:', { type: 'sqlite', path: ':memory:' }],
    ['postgres://u:p%40ss@h:5433/db?schema=app', { type: 'postgres', host: 'h', port: 5433, username: 'u', password: 'p@ss', database: 'db', schema: 'app' }],
    ['postgresql://h/db', { type: 'postgres', host: 'h', port: 5432, username: undefined, password: undefined, database: 'db', schema: 'public' }],
    ['mariadb://root@127.0.0.1/test', { type: 'mysql', host: '127.0.0.1', port: 3306, username: 'root', password: undefined, database: 'test', schema: undefined }],
  ])('parses %s', (text, expected) => {
    expect(parseDatabaseUrl(text, '/base')).toEqual(expected);
  });

  it.each(['', 'ftp://h/db', 'postgres://h/', 'sqlite:', 'not a url'])('rejects %p', (text) => {
    expect(() => parseDatabaseUrl(text, '/base')).toThrow();
  });

  it('describes a URL without its password', () => {
    expect(describeDatabaseUrl(parseDatabaseUrl('mysql://u:secret@h:3306/db', '/'))).toBe('mysql://u@h:3306/db');
  });
});

describe('parseSize', () => {
  it.each([['5mb', 5242880], ['512kb', 524288], ['100', 100], ['1GB', 1073741824], ['0', undefined], ['5 lots', undefined]])('parses %s', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });
});
