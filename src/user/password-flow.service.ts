import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ConfirmCodeService } from '../auth/codes/confirm-code.service';
import { PasswordService } from '../auth/password.service';
import { LoginThrottle } from '../auth/rate-limit/login-throttle.service';
import { SessionService } from '../auth/session/session.service';
import { revokeAllTokensValue } from '../auth/session/token.service';
import { AppError } from '../common/errors';
import type { Caller } from '../common/http/request-context';
import { APP_CONFIG, type AppConfig } from '../config';
import { codeMail } from '../mail/mail-templates';
import { MailService } from '../mail/mail.service';
import { UserDirectory } from '../system/user/user-directory.service';
import { passwordProblem } from '../system/user/user-fields';
import { UserEntity } from '../system/user/user.entity';

export type PasswordResult = { success: true; session_token?: string };

const INVALID_CODE = 'Invalid or expired confirmation code.';

/**
 * `/user/password` and `/system/admin/password` (API.md 5.4): both serve every account. The first
 * matching branch applies: change (old + new), reset request, completion with a code, else 400.
 */
@Injectable()
export class PasswordFlowService {
  constructor(
    @InjectRepository(UserEntity) private readonly repository: Repository<UserEntity>,
    private readonly users: UserDirectory,
    private readonly passwords: PasswordService,
    private readonly codes: ConfirmCodeService,
    private readonly throttle: LoginThrottle,
    private readonly mail: MailService,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  handle(body: Record<string, unknown>, options: { reset: boolean; login: boolean; caller: Caller; address: string }): Promise<PasswordResult> {
    const keys = Object.keys(body);
    if ('old_password' in body || ('new_password' in body && !('code' in body))) return this.change(options.caller, body, options.login);
    if (options.reset || (keys.length === 1 && keys[0] === 'email')) return this.requestReset(body.email, options.address);
    if ('email' in body && 'code' in body && 'new_password' in body) return this.complete(body, options.address, options.login);
    throw new AppError('REQUEST_INVALID', 'Not enough information provided to change password.');
  }

  /** Branch 1: the caller's own password; every token of the account is revoked. */
  private async change(caller: Caller, body: Record<string, unknown>, login: boolean): Promise<PasswordResult> {
    if (!caller.user) throw new AppError('AUTH_NO_SESSION', 'There is no valid session for the current request.');
    const { old_password: oldPassword, new_password: newPassword } = body;
    if (typeof oldPassword !== 'string' || oldPassword === '' || typeof newPassword !== 'string' || newPassword === '') {
      throw new AppError('REQUEST_INVALID', 'Both old and new password are required to change the password.');
    }
    const user = await this.repository.findOne({ where: { id: caller.user.id } });
    if (!user || !(await this.passwords.verify(user.passwordHash, oldPassword))) throw new AppError('VALUE_INVALID', 'The password supplied does not match.');
    this.assertPassword(newPassword);
    const changes = { passwordHash: await this.passwords.hash(newPassword), tokensValidAfter: revokeAllTokensValue() };
    await this.repository.update({ id: user.id }, changes);
    this.users.invalidate(user.id);
    return this.result({ ...user, ...changes }, login);
  }

  /**
   * Branch 2: always the same 200, whether or not the account exists, is active, is an admin, or
   * the mail fails. The mail goes out in the background so timing does not tell either.
   */
  private async requestReset(email: unknown, address: string): Promise<PasswordResult> {
    await this.throttle.countAddressAttempt(address);
    if (typeof email !== 'string' || email.trim() === '') throw new AppError('REQUEST_INVALID', 'A valid email is required to reset a password.');
    const user = await this.users.findByEmail(email);
    if (user?.isActive && (await this.throttle.takeResetMail(user.id))) {
      const code = await this.codes.issue(user.id);
      this.mail.sendInBackground(codeMail('reset', user.email, code, this.config.passwordResetUrl, this.config.confirmCodeTtlMinutes));
    }
    return { success: true };
  }

  /** Branch 3: a reset, registration or invitation completed with its code: password set, code used, account confirmed. */
  private async complete(body: Record<string, unknown>, address: string, login: boolean): Promise<PasswordResult> {
    await this.throttle.countAddressAttempt(address);
    const user = await this.codes.check(body.email, body.code);
    if (!user) throw new AppError('VALUE_INVALID', INVALID_CODE);
    this.assertPassword(body.new_password);
    const changes = { passwordHash: await this.passwords.hash(body.new_password as string), confirmed: true, tokensValidAfter: revokeAllTokensValue() };
    if (!(await this.codes.consume(user, changes))) throw new AppError('VALUE_INVALID', INVALID_CODE);
    return this.result({ ...user, ...changes }, login);
  }

  private assertPassword(password: unknown): void {
    const problem = passwordProblem(password, this.config.passwordMinLength);
    if (problem) throw new AppError('VALUE_INVALID', problem, { new_password: [problem] });
  }

  private result(user: UserEntity, login: boolean): PasswordResult {
    return login ? { success: true, session_token: this.sessions.issueFor(user) } : { success: true };
  }
}
