import Redis from 'ioredis';
import { ENGINES, isEngineAvailable } from './helpers/test-databases';

/** Probes the database servers and Redis once; says loudly which are missing; fails under CI=true. */
export default async function globalSetup(): Promise<void> {
  const available: string[] = [];
  const missing: string[] = [];
  for (const engine of ENGINES) ((await isEngineAvailable(engine)) ? available : missing).push(engine);
  process.env.TEST_ENGINES_AVAILABLE = available.join(',');
  if (!(await redisAvailable())) missing.push('redis (the shared rate-limit suites fail without it)');
  if (missing.length > 0) {
    const line = `!!! Servers not reachable: ${missing.join(', ')}. Their test suites are NOT run or fail. !!!`;
    process.stderr.write(`\n${'!'.repeat(line.length)}\n${line}\n${'!'.repeat(line.length)}\n\n`);
    if (process.env.CI === 'true') throw new Error(`CI requires every server; missing: ${missing.join(', ')}`);
  }
}

async function redisAvailable(): Promise<boolean> {
  const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}
