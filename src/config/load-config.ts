import { resolve } from 'node:path';
import type { AppConfig, LogLevel } from './app-config';
import { parseDatabaseUrl, type DatabaseUrl } from './database-url';

export type Env = Readonly<Record<string, string | undefined>>;

/** Thrown with every invalid variable listed, so an operator fixes them in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const BOOL_TRUE = ['true', '1', 'yes', 'on'];
const BOOL_FALSE = ['false', '0', 'no', 'off'];
const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];

/** Reads the environment variables of API.md 1.2, validates all of them, and returns the typed config. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const problems: string[] = [];
  const reader = new EnvReader(env, problems);

  const port = reader.int('PORT', 3000, 0, 65535);
  const storageDir = resolve(cwd, reader.string('STORAGE_DIR', 'storage'));
  const systemDb = reader.databaseUrl('SYSTEM_DB_URL', `sqlite:${resolve(storageDir, 'system.sqlite')}`, cwd);
  const defaultDbText = reader.optional('DEFAULT_DB_URL');
  const defaultDb = defaultDbText === undefined ? undefined : reader.databaseUrl('DEFAULT_DB_URL', defaultDbText, cwd);
  const passwordMinLength = reader.int('PASSWORD_MIN_LENGTH', 8, 1, 1024);
  const adminEmail = reader.string('ADMIN_EMAIL', 'admin@localhost');
  if (!/^[^\s@]+@[^\s@]+$/.test(adminEmail)) problems.push('ADMIN_EMAIL: not an e-mail address');
  const adminPassword = reader.optional('ADMIN_PASSWORD');
  if (adminPassword !== undefined && adminPassword.length < passwordMinLength) {
    problems.push(`ADMIN_PASSWORD: shorter than PASSWORD_MIN_LENGTH (${passwordMinLength})`);
  }
  const jwtSecret = reader.optional('JWT_SECRET');
  if (jwtSecret !== undefined && Buffer.byteLength(jwtSecret) < 32) problems.push('JWT_SECRET: must be at least 32 bytes');
  const appKey = reader.optional('APP_KEY');
  if (appKey !== undefined && Buffer.byteLength(appKey) < 32) problems.push('APP_KEY: must be at least 32 bytes');
  const bodyLimitText = reader.string('BODY_LIMIT', '5mb');
  const bodyLimitBytes = parseSize(bodyLimitText);
  if (bodyLimitBytes === undefined) problems.push(`BODY_LIMIT: expected a size such as 5mb, 512kb or 1048576`);
  const nodeEnv = reader.string('NODE_ENV', 'development');
  const publicUrl = reader.string('PUBLIC_URL', `http://localhost:${port}`);
  const logLevel = reader.string('LOG_LEVEL', 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL: expected one of ${LOG_LEVELS.join(', ')}`);

  const config: AppConfig = {
    port,
    nodeEnv,
    isProduction: nodeEnv === 'production',
    storageDir,
    systemDb,
    defaultDb,
    adminEmail: adminEmail.toLowerCase(),
    adminPassword,
    jwtSecret,
    appKey,
    jwtTtlMinutes: reader.int('JWT_TTL_MINUTES', 1440, 1, 525600),
    jwtRefreshTtlMinutes: reader.int('JWT_REFRESH_TTL_MINUTES', 20160, 1, 5256000),
    allowForeverSessions: reader.bool('ALLOW_FOREVER_SESSIONS', false),
    passwordMinLength,
    publicUrl,
    passwordResetUrl: reader.string('PASSWORD_RESET_URL', `${publicUrl}/#/auth/reset-password`),
    registerConfirmUrl: reader.string('REGISTER_CONFIRM_URL', `${publicUrl}/#/auth/register-confirm`),
    inviteConfirmUrl: reader.string('INVITE_CONFIRM_URL', `${publicUrl}/#/auth/user-invite`),
    confirmCodeTtlMinutes: reader.int('CONFIRM_CODE_TTL_MINUTES', 1440, 1, 525600),
    mail: {
      host: reader.optional('MAIL_HOST'),
      port: reader.int('MAIL_PORT', 587, 1, 65535),
      secure: reader.bool('MAIL_SECURE', false),
      user: reader.optional('MAIL_USER'),
      password: reader.optional('MAIL_PASSWORD'),
      from: reader.string('MAIL_FROM', 'no-reply@localhost'),
    },
    redisUrl: reader.optional('REDIS_URL'),
    redisPrefix: reader.string('REDIS_PREFIX', 'isr:'),
    bodyLimitBytes: bodyLimitBytes ?? 0,
    bodyLimitText,
    maxBatchSize: reader.int('MAX_BATCH_SIZE', 1000, 1, 100000),
    dbPoolSize: reader.int('DB_POOL_SIZE', 10, 1, 1000),
    dbStatementTimeoutMs: reader.int('DB_STATEMENT_TIMEOUT_MS', 30000, 1, 86400000),
    dbConnectTimeoutMs: reader.int('DB_CONNECT_TIMEOUT_MS', 5000, 1, 600000),
    schemaCacheTtlSeconds: reader.int('SCHEMA_CACHE_TTL_SECONDS', 300, 0, 31536000),
    loginMaxAttempts: reader.int('LOGIN_MAX_ATTEMPTS', 10, 1, 1000000),
    loginMaxAttemptsPerIp: reader.int('LOGIN_MAX_ATTEMPTS_PER_IP', 100, 1, 1000000),
    loginWindowMinutes: reader.int('LOGIN_WINDOW_MINUTES', 15, 1, 10080),
    trustProxy: reader.bool('TRUST_PROXY', false),
    apiDocsUi: reader.bool('API_DOCS_UI', true),
    adminConsoleDir: reader.optional('ADMIN_CONSOLE_DIR'),
    logLevel,
    fastRecords: reader.bool('FAST_RECORDS', true),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  optional(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string): string {
    return this.optional(name) ?? fallback;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const text = this.optional(name);
    if (text === undefined) return fallback;
    const value = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      this.problems.push(`${name}: expected an integer from ${min} to ${max}, got '${text}'`);
      return fallback;
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const text = this.optional(name)?.toLowerCase();
    if (text === undefined) return fallback;
    if (BOOL_TRUE.includes(text)) return true;
    if (BOOL_FALSE.includes(text)) return false;
    this.problems.push(`${name}: expected true or false, got '${text}'`);
    return fallback;
  }

  databaseUrl(name: string, text: string, cwd: string): DatabaseUrl {
    try {
      return parseDatabaseUrl(this.optional(name) ?? text, cwd);
    } catch (error) {
      // The message names the problem, never the URL: it may hold a password.
      this.problems.push(`${name}: ${(error as Error).message}`);
      return { type: 'sqlite', path: ':memory:' };
    }
  }
}

/**
 * Parses a body size limit.
 * @example parseSize('5mb') // 5242880
 */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+)\s*(b|kb|mb|gb)?$/i.exec(text.trim());
  if (!match) return undefined;
  const units: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
  const value = Number(match[1]) * (units[(match[2] ?? 'b').toLowerCase()] ?? 1);
  return value > 0 ? value : undefined;
}
