import 'reflect-metadata';
import { Logger } from '@nestjs/common';
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
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  new Logger('Main').log(
    `Listening on http://localhost:${config.port}/api/v2 (docs: /api/docs; system database: ${describeDatabaseUrl(config.systemDb)}; started in ${ms.toFixed(0)} ms)`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
