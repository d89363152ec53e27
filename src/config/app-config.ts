import type { DatabaseUrl } from './database-url';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** The validated, typed configuration; read once at boot (API.md 1.2). */
export interface AppConfig {
  readonly port: number;
  readonly nodeEnv: string;
  readonly isProduction: boolean;
  readonly storageDir: string;
  readonly systemDb: DatabaseUrl;
  /** Set only when DEFAULT_DB_URL was given. */
  readonly defaultDb: DatabaseUrl | undefined;
  readonly adminEmail: string;
  /** Undefined: generate one on first start and print it once. */
  readonly adminPassword: string | undefined;
  /** Undefined: generated once and persisted as STORAGE_DIR/jwt-secret. */
  readonly jwtSecret: string | undefined;
  readonly appKey: string | undefined;
  readonly jwtTtlMinutes: number;
  readonly jwtRefreshTtlMinutes: number;
  readonly allowForeverSessions: boolean;
  readonly passwordMinLength: number;
  readonly publicUrl: string;
  readonly passwordResetUrl: string;
  readonly registerConfirmUrl: string;
  readonly inviteConfirmUrl: string;
  readonly confirmCodeTtlMinutes: number;
  readonly mail: {
    readonly host: string | undefined;
    readonly port: number;
    readonly secure: boolean;
    readonly user: string | undefined;
    readonly password: string | undefined;
    readonly from: string;
  };
  readonly redisUrl: string | undefined;
  /** Prefix of this deployment's Redis keys (rate-limit counters). */
  readonly redisPrefix: string;
  readonly bodyLimitBytes: number;
  readonly bodyLimitText: string;
  readonly maxBatchSize: number;
  readonly dbPoolSize: number;
  readonly dbStatementTimeoutMs: number;
  readonly dbConnectTimeoutMs: number;
  readonly schemaCacheTtlSeconds: number;
  readonly loginMaxAttempts: number;
  readonly loginMaxAttemptsPerIp: number;
  readonly loginWindowMinutes: number;
  readonly trustProxy: boolean;
  readonly apiDocsUi: boolean;
  readonly adminConsoleDir: string | undefined;
  readonly logLevel: LogLevel;
  /** Plain JSON record reads and creates bypass Express and Nest's per-request machinery (RecordsFastPath). */
  readonly fastRecords: boolean;
}
