import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { loadConfig, type AppConfig } from '../../src/config';
import { createTestDatabase, type EngineName, type TestDatabase } from './test-databases';

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'admin-password-1';

export interface TestApp {
  readonly app: NestExpressApplication;
  readonly config: AppConfig;
  readonly http: ReturnType<typeof request>;
  readonly storageDir: string;
  readonly systemDb: TestDatabase | undefined;
  /** Runs SQL on the system database through the application's own DataSource. */
  systemDbQuery(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Starts a second application on the same storage and system database (a restart). */
  restart(): Promise<TestApp>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Engine of the system database; SQLite lives in the temp storage dir. */
  systemEngine?: EngineName;
  env?: Record<string, string>;
}

/** Boots the real application on a fresh storage dir and a fresh system database. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const storageDir = mkdtempSync(join(tmpdir(), 'isr-storage-'));
  const engine = options.systemEngine ?? 'sqlite';
  const systemDb = engine === 'sqlite' ? undefined : await createTestDatabase(engine, 'sys');
  const env: Record<string, string> = {
    STORAGE_DIR: storageDir,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    LOG_LEVEL: 'error',
    ...(systemDb ? { SYSTEM_DB_URL: systemDb.url } : {}),
    ...options.env,
  };
  const start = async (owned: boolean): Promise<TestApp> => {
    const config = loadConfig(env, storageDir);
    const app = await createApp(config);
    await app.init();
    const testApp: TestApp = {
      app,
      config,
      http: request(app.getHttpServer()),
      storageDir,
      systemDb,
      systemDbQuery: (text, params) => app.get(DataSource).query(text, params) as Promise<Record<string, unknown>[]>,
      restart: async () => {
        await app.close();
        return start(owned);
      },
      close: async () => {
        await app.close();
        if (owned) {
          await systemDb?.drop();
          rmSync(storageDir, { recursive: true, force: true });
        }
      },
    };
    return testApp;
  };
  return start(true);
}

/** Logs the seeded admin in and returns the session token. */
export async function adminToken(app: TestApp): Promise<string> {
  const res = await app.http.post('/api/v2/system/admin/session').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200);
  return (res.body as { session_token: string }).session_token;
}
