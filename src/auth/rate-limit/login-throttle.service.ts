import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppError } from '../../common/errors';
import { APP_CONFIG, type AppConfig } from '../../config';
import { MemoryRateCounter, RedisRateCounter, type RateCounter } from './rate-counter';

const HOUR_MS = 60 * 60 * 1000;
/** Reset mails per account per hour (API.md 6.8). */
export const RESET_MAILS_PER_HOUR = 3;

/**
 * The brute-force limits of API.md 6.8: failed logins per e-mail; failed logins, registrations,
 * reset requests and code confirmations per client address; reset mails per account. Shared by
 * every instance through Redis when REDIS_URL is set, else counted in this process.
 */
@Injectable()
export class LoginThrottle implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LoginThrottle.name);
  private redis?: Redis;
  private byEmail: RateCounter;
  private byAddress: RateCounter;
  private resetMails: RateCounter;
  private warned = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const windowMs = config.loginWindowMinutes * 60_000;
    this.byEmail = new MemoryRateCounter(config.loginMaxAttempts, windowMs);
    this.byAddress = new MemoryRateCounter(config.loginMaxAttemptsPerIp, windowMs);
    this.resetMails = new MemoryRateCounter(RESET_MAILS_PER_HOUR, HOUR_MS);
  }

  /** With REDIS_URL the counters are shared; ioredis is loaded only then. */
  async onModuleInit(): Promise<void> {
    const config = this.config;
    if (!config.redisUrl) return;
    const { Redis } = await import('ioredis');
    // Fail fast while Redis is away: the counters of this process stand in (RedisRateCounter).
    const redis = new Redis(config.redisUrl, { lazyConnect: false, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    redis.on('error', (error: Error) => this.warn(error));
    this.redis = redis;
    const windowMs = config.loginWindowMinutes * 60_000;
    const counter = (name: string, max: number, window: number) =>
      new RedisRateCounter(redis, `${config.redisPrefix}rl:${name}:`, max, window, (error) => this.warn(error));
    this.byEmail = counter('email', config.loginMaxAttempts, windowMs);
    this.byAddress = counter('address', config.loginMaxAttemptsPerIp, windowMs);
    this.resetMails = counter('reset-mail', RESET_MAILS_PER_HOUR, HOUR_MS);
  }

  async onModuleDestroy(): Promise<void> {
    this.redis?.disconnect();
  }

  /** Before a login is checked: 429 while the e-mail or the address is blocked, even for a correct password. */
  async assertLoginAllowed(email: string, address: string): Promise<void> {
    const [byEmail, byAddress] = await Promise.all([this.byEmail.retryAfter(emailKey(email)), this.byAddress.retryAfter(address)]);
    assertOpen(Math.max(byEmail, byAddress));
  }

  async loginFailed(email: string, address: string): Promise<void> {
    await Promise.all([this.byEmail.hit(emailKey(email)), this.byAddress.hit(address)]);
  }

  async loginSucceeded(email: string): Promise<void> {
    await this.byEmail.reset(emailKey(email));
  }

  /** Registrations, reset requests and code confirmations: each counts toward the address limit. */
  async countAddressAttempt(address: string): Promise<void> {
    assertOpen(await this.byAddress.retryAfter(address));
    await this.byAddress.hit(address);
  }

  /** True (and counted) when the account may get another reset mail this hour. */
  async takeResetMail(userId: number): Promise<boolean> {
    const key = String(userId);
    if ((await this.resetMails.retryAfter(key)) > 0) return false;
    await this.resetMails.hit(key);
    return true;
  }

  /** One warning per outage: the log is not flooded while Redis is away. */
  private warn(error: unknown): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(`Redis unavailable for rate limits, counting in this process: ${error instanceof Error ? error.message : String(error)}`);
    setTimeout(() => { this.warned = false; }, 60_000).unref();
  }
}

function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

function assertOpen(retryAfter: number): void {
  if (retryAfter > 0) {
    throw new AppError('AUTH_RATE_LIMITED', `Too many attempts. Try again in ${retryAfter} seconds.`, null, { 'Retry-After': String(retryAfter) });
  }
}
