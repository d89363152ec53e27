import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { expectError } from '../helpers/accounts';
import { createTestApp, type TestApp } from '../helpers/test-app';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** With REDIS_URL, the login limits of API.md 6.8 hold across instances: two applications, one Redis. */
describe('rate limits shared through Redis', () => {
  const prefix = `isr-e2e:${randomUUID()}:`;
  const env = { REDIS_URL, REDIS_PREFIX: prefix, LOGIN_MAX_ATTEMPTS: '2', LOGIN_MAX_ATTEMPTS_PER_IP: '50' };
  let one: TestApp;
  let two: TestApp;

  beforeAll(async () => {
    one = await createTestApp({ env });
    two = await createTestApp({ env });
  });

  afterAll(async () => {
    await one?.close();
    await two?.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('blocks an e-mail on the second instance after failed logins on the first', async () => {
    const attempt = (t: TestApp) => t.http.post('/api/v2/user/session').send({ email: 'shared@example.com', password: 'wrong-password-1' });
    expectError(await attempt(one), 401, 'AUTH_CREDENTIALS_INVALID');
    expectError(await attempt(one), 401, 'AUTH_CREDENTIALS_INVALID');
    const blocked = await attempt(two);
    expectError(blocked, 429, 'AUTH_RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expectError(await attempt(one), 429, 'AUTH_RATE_LIMITED');
  });
});
