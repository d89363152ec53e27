import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config';
import { UserDirectory } from '../../system/user/user-directory.service';
import { UserEntity } from '../../system/user/user.entity';
import { codeMatches, generateCode, hashCode, MAX_CODE_ATTEMPTS } from './confirm-code';

const VOID = { confirmCodeHash: null, confirmCodeExpires: null, confirmAttempts: 0 } as const;

/**
 * The pending reset / registration / invitation code of an account (API.md 5.3, 5.4, 4.6): stored
 * as a hash with its expiry, replaced by a newer one, voided after five wrong tries, used once.
 */
@Injectable()
export class ConfirmCodeService {
  constructor(
    @InjectRepository(UserEntity) private readonly repository: Repository<UserEntity>,
    private readonly users: UserDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new code for the account, replacing any earlier one; `unconfirm` marks a registration or invitation as pending. */
  async issue(userId: number, options: { unconfirm?: boolean } = {}): Promise<string> {
    const code = generateCode();
    const expires = Math.floor(Date.now() / 1000) + this.config.confirmCodeTtlMinutes * 60;
    await this.repository.update({ id: userId }, {
      confirmCodeHash: hashCode(code), confirmCodeExpires: String(expires), confirmAttempts: 0, ...(options.unconfirm ? { confirmed: false } : {}),
    });
    this.users.invalidate(userId);
    return code;
  }

  /**
   * The active account whose current, unexpired code `code` is; undefined otherwise. A wrong code
   * counts against the account, and the fifth wrong one voids its pending code.
   */
  async check(email: unknown, code: unknown): Promise<UserEntity | undefined> {
    if (typeof email !== 'string' || email.trim() === '') return undefined;
    const user = await this.users.findByEmail(email);
    if (!user || !user.isActive || !user.confirmCodeHash) return undefined;
    if (Number(user.confirmCodeExpires ?? 0) < Date.now() / 1000) return undefined;
    if (codeMatches(code, user.confirmCodeHash)) return user;
    const attempts = user.confirmAttempts + 1;
    await this.repository.update({ id: user.id, confirmCodeHash: user.confirmCodeHash }, attempts >= MAX_CODE_ATTEMPTS ? VOID : { confirmAttempts: attempts });
    return undefined;
  }

  /** Uses the code checked above and applies `changes` in the same statement: false when another request used it first. */
  async consume(user: UserEntity, changes: Partial<UserEntity>): Promise<boolean> {
    const result = await this.repository.update({ id: user.id, confirmCodeHash: user.confirmCodeHash! }, { ...changes, ...VOID });
    this.users.invalidate(user.id);
    return result.affected === 1;
  }

  async clear(userId: number): Promise<void> {
    await this.repository.update({ id: userId }, VOID);
    this.users.invalidate(userId);
  }
}
