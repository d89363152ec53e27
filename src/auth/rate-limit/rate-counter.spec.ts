import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { RedisRateCounter } from './rate-counter';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Counters shared through a real Redis server (API.md 6.8), as two instances of the server would use them. */
describe('RedisRateCounter', () => {
  let redis: Redis;
  let prefix: string;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    await redis.ping();
  });

  beforeEach(() => {
    prefix = `isr-test:${randomUUID()}:`;
  });

  afterEach(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  });

  afterAll(() => redis.quit());

  it('blocks a key on every instance once the attempts of one window are used up', async () => {
    const one = new RedisRateCounter(redis, prefix, 3, 60_000);
    const two = new RedisRateCounter(redis, prefix, 3, 60_000);
    await one.hit('jo@example.com');
    await two.hit('jo@example.com');
    expect(await one.retryAfter('jo@example.com')).toBe(0);
    await one.hit('jo@example.com');
    expect(await two.retryAfter('jo@example.com')).toBeGreaterThan(55);
    expect(await two.retryAfter('jo@example.com')).toBeLessThanOrEqual(60);
    expect(await two.retryAfter('ana@example.com')).toBe(0);
    await two.reset('jo@example.com');
    expect(await one.retryAfter('jo@example.com')).toBe(0);
  });

  it('opens again when the window that began with the first attempt ends', async () => {
    const counter = new RedisRateCounter(redis, prefix, 1, 300);
    await counter.hit('10.0.0.1');
    expect(await counter.retryAfter('10.0.0.1')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await counter.retryAfter('10.0.0.1')).toBe(0);
  });

  it('keeps e-mail addresses out of Redis key names', async () => {
    await new RedisRateCounter(redis, prefix, 5, 60_000).hit('secret.person@example.com');
    const keys = await redis.keys(`${prefix}*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(new RegExp(`^${prefix}[0-9a-f]{64}$`));
  });

  it('counts in this process while Redis cannot be reached, and says so', async () => {
    const away = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    away.on('error', () => undefined);
    const errors: unknown[] = [];
    const counter = new RedisRateCounter(away, prefix, 2, 60_000, (error) => errors.push(error));
    await counter.hit('jo@example.com');
    await counter.hit('jo@example.com');
    expect(await counter.retryAfter('jo@example.com')).toBeGreaterThan(0);
    expect(errors.length).toBeGreaterThan(0);
    away.disconnect();
  });
});
