import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { ConfirmCodeService } from '../../auth/codes/confirm-code.service';
import { AppError } from '../../common/errors';
import { APP_CONFIG, type AppConfig } from '../../config';
import { codeMail } from '../../mail/mail-templates';
import { MailService } from '../../mail/mail.service';
import { UserDirectory } from './user-directory.service';
import { UserEntity } from './user.entity';

/**
 * `send_invite=true` (API.md 4.6): each user gets an invitation code by mail and completes it
 * through the password endpoint. A failed send deletes users just created and answers 503.
 */
@Injectable()
export class InvitationService {
  constructor(
    @InjectRepository(UserEntity) private readonly repository: Repository<UserEntity>,
    private readonly codes: ConfirmCodeService,
    private readonly mail: MailService,
    private readonly users: UserDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async invite(ids: readonly number[], created: boolean): Promise<void> {
    const accounts = await this.repository.find({ where: { id: In([...ids]) } });
    for (const user of accounts) {
      const code = await this.codes.issue(user.id, { unconfirm: true });
      try {
        await this.mail.send(codeMail('invite', user.email, code, this.config.inviteConfirmUrl, this.config.confirmCodeTtlMinutes));
      } catch {
        if (created) {
          await this.repository.delete({ id: In([...ids]) });
          ids.forEach((id) => this.users.invalidate(id));
        } else {
          await this.codes.clear(user.id);
        }
        throw new AppError('MAIL_FAILED', 'Could not send the invitation e-mail.');
      }
    }
  }
}
