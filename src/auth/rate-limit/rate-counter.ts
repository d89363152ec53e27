import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { RateLimiter } from './rate-limiter';

/** Fixed-window attempt counters (API.md 6.8): shared through Redis when configured, else per instance. */
export interface RateCounter {
  /** Seconds until `key` may try again; 0 when it is not blocked. */
  retryAfter(key: string): Promise<number>;
  /** Counts one attempt against `key`. */
  hit(key: string): Promise<void>;
  /** Forgets `key`. */
  reset(key: string): Promise<void>;
}

/** The counters of this process. */
export class MemoryRateCounter implements RateCounter {
  private readonly limiter: RateLimiter;

  constructor(max: number, windowMs: number) {
    this.limiter = new RateLimiter(max, windowMs);
  }

  async retryAfter(key: string): Promise<number> {
    return this.limiter.retryAfter(key);
  }

  async hit(key: string): Promise<void> {
    this.limiter.hit(key);
  }

  async reset(key: string): Promise<void> {
    this.limiter.reset(key);
  }
}

/**
 * Counters every instance shares through Redis: one key per counted value (hashed, so e-mail
 * addresses are not Redis key names), created with the window as its expiry on the first hit and
 * incremented atomically. While Redis cannot be reached the counters of this process stand in, so
 * logins are neither blocked nor left unlimited by an outage.
 */
export class RedisRateCounter implements RateCounter {
  private readonly fallback: MemoryRateCounter;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly max: number,
    private readonly windowMs: number,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.fallback = new MemoryRateCounter(max, windowMs);
  }

  async retryAfter(key: string): Promise<number> {
    try {
      const [[, count], [, ttl]] = (await this.redis.multi().get(this.key(key)).pttl(this.key(key)).exec()) as [[unknown, string | null], [unknown, number]];
      if (count === null || Number(count) < this.max) return 0;
      return Math.max(1, Math.ceil((ttl > 0 ? ttl : this.windowMs) / 1000));
    } catch (error) {
      this.onError(error);
      return this.fallback.retryAfter(key);
    }
  }

  async hit(key: string): Promise<void> {
    try {
      await this.redis.multi().set(this.key(key), 0, 'PX', this.windowMs, 'NX').incr(this.key(key)).exec();
    } catch (error) {
      this.onError(error);
      await this.fallback.hit(key);
    }
  }

  async reset(key: string): Promise<void> {
    await this.fallback.reset(key);
    try {
      await this.redis.del(this.key(key));
    } catch (error) {
      this.onError(error);
    }
  }

  private key(value: string): string {
    return `${this.prefix}${createHash('sha256').update(value).digest('hex')}`;
  }
}
