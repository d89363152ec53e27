import 'reflect-metadata';
import { Logger, type INestApplication } from '@nestjs/common';
import { ShutdownState } from './health/health.controller';
import { createApp } from './app.factory';
import { ConfigError, describeDatabaseUrl, loadConfig } from './config';

process.env.TZ = 'UTC';

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(config);
  app.getHttpServer().headersTimeout = 20_000;
  app.getHttpServer().requestTimeout = 120_000;
  await app.listen(config.port);
  stopOnSignals(app);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  new Logger('Main').log(
    `Listening on http://localhost:${config.port}/api/v2 (docs: /api/docs; system database: ${describeDatabaseUrl(config.systemDb)}; started in ${ms.toFixed(0)} ms)`,
  );
}

/**
 * SIGTERM/SIGINT (API.md 1.1): readiness turns 503, the listener closes, in-flight requests finish
 * (deadline 25 s), pools close, exit 0. A second signal forces the exit.
 */
function stopOnSignals(app: INestApplication): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    new Logger('Main').log(`${signal} received: finishing in-flight requests`);
    app.get(ShutdownState).shuttingDown = true;
    setTimeout(() => process.exit(0), 25_000).unref();
    app.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
