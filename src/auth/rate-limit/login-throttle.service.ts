import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors';
import { APP_CONFIG, type AppConfig } from '../../config';
import { RateLimiter } from './rate-limiter';

const HOUR_MS = 60 * 60 * 1000;
/** Reset mails per account per hour (API.md 6.8). */
export const RESET_MAILS_PER_HOUR = 3;

/**
 * The brute-force limits of API.md 6.8, in process: failed logins per e-mail; failed logins,
 * registrations, reset requests and code confirmations per client address; reset mails per account.
 */
@Injectable()
export class LoginThrottle {
  private readonly byEmail: RateLimiter;
  private readonly byAddress: RateLimiter;
  private readonly resetMails = new RateLimiter(RESET_MAILS_PER_HOUR, HOUR_MS);

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const windowMs = config.loginWindowMinutes * 60_000;
    this.byEmail = new RateLimiter(config.loginMaxAttempts, windowMs);
    this.byAddress = new RateLimiter(config.loginMaxAttemptsPerIp, windowMs);
  }

  /** Before a login is checked: 429 while the e-mail or the address is blocked, even for a correct password. */
  assertLoginAllowed(email: string, address: string): void {
    assertOpen(Math.max(this.byEmail.retryAfter(emailKey(email)), this.byAddress.retryAfter(address)));
  }

  loginFailed(email: string, address: string): void {
    this.byEmail.hit(emailKey(email));
    this.byAddress.hit(address);
  }

  loginSucceeded(email: string): void {
    this.byEmail.reset(emailKey(email));
  }

  /** Registrations, reset requests and code confirmations: each counts toward the address limit. */
  countAddressAttempt(address: string): void {
    assertOpen(this.byAddress.retryAfter(address));
    this.byAddress.hit(address);
  }

  /** True (and counted) when the account may get another reset mail this hour. */
  takeResetMail(userId: number): boolean {
    const key = String(userId);
    if (this.resetMails.retryAfter(key) > 0) return false;
    this.resetMails.hit(key);
    return true;
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
