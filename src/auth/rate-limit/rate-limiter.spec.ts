import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('blocks a key after max hits until its window ends', () => {
    const limiter = new RateLimiter(3, 60_000);
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter('a', t0 + i)).toBe(0);
      limiter.hit('a', t0 + i);
    }
    expect(limiter.retryAfter('a', t0 + 10)).toBe(60);
    expect(limiter.retryAfter('a', t0 + 30_500)).toBe(30);
    expect(limiter.retryAfter('a', t0 + 59_999)).toBe(1);
    expect(limiter.retryAfter('a', t0 + 60_000)).toBe(0);
  });

  it('keeps keys apart and forgets a key on reset', () => {
    const limiter = new RateLimiter(1, 1000);
    limiter.hit('a', 0);
    expect(limiter.retryAfter('a', 1)).toBe(1);
    expect(limiter.retryAfter('b', 1)).toBe(0);
    limiter.reset('a');
    expect(limiter.retryAfter('a', 2)).toBe(0);
  });

  it('starts a fresh window after the old one has passed', () => {
    const limiter = new RateLimiter(2, 1000);
    limiter.hit('a', 0);
    limiter.hit('a', 10);
    expect(limiter.retryAfter('a', 500)).toBe(1);
    limiter.hit('a', 1500);
    expect(limiter.retryAfter('a', 1600)).toBe(0);
    limiter.hit('a', 1700);
    expect(limiter.retryAfter('a', 1800)).toBe(1);
  });

  it('stays bounded in memory', () => {
    const limiter = new RateLimiter(1, 1000, 10);
    for (let i = 0; i < 100; i++) limiter.hit(`k${i}`, 0);
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(10);
    expect(limiter.retryAfter('k99', 1)).toBe(1);
  });
});
