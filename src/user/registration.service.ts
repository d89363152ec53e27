import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConfirmCodeService } from '../auth/codes/confirm-code.service';
import { PasswordService } from '../auth/password.service';
import { LoginThrottle } from '../auth/rate-limit/login-throttle.service';
import { SessionService } from '../auth/session/session.service';
import { AppError } from '../common/errors';
import { APP_CONFIG, type AppConfig } from '../config';
import { codeMail } from '../mail/mail-templates';
import { MailService } from '../mail/mail.service';
import { AppEntity } from '../system/app/app.entity';
import { RoleEntity } from '../system/role/role.entity';
import { defaultName, hasProblems, invalidData, readUserFields } from '../system/user/user-fields';
import { UserAppRoleEntity, UserEntity } from '../system/user/user.entity';
import { UserServiceSettings } from './user-service-settings';

const REGISTRATION_KEYS = ['email', 'password', 'first_name', 'last_name', 'name', 'username', 'phone'];

export type RegistrationResult = { success: true; confirmation_required?: true; session_token?: string };

/** `POST /user/register[?login=true]` (API.md 5.3): open registration of non-admin users. */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: UserServiceSettings,
    private readonly passwords: PasswordService,
    private readonly codes: ConfirmCodeService,
    private readonly throttle: LoginThrottle,
    private readonly mail: MailService,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async register(body: Record<string, unknown>, options: { login: boolean; address: string }): Promise<RegistrationResult> {
    await this.throttle.countAddressAttempt(options.address);
    const settings = await this.settings.registration();
    if (!settings.allowOpenRegistration) throw new AppError('REGISTRATION_CLOSED', 'Open Registration is not enabled.');
    const confirm = settings.requireConfirmation;
    // Only the registration keys are read: is_sys_admin, is_active, role ids and the like are ignored.
    const input = Object.fromEntries(REGISTRATION_KEYS.filter((k) => k in body).map((k) => [k, body[k]]));
    const { values, problems } = readUserFields(input, { creating: true, minPasswordLength: this.config.passwordMinLength, passwordRequired: !confirm });
    if ('password_confirmation' in body && body.password_confirmation !== body.password) problems.password_confirmation = ['The password confirmation does not match.'];
    const email = values.email;
    const username = values.username ?? email;
    if (email && (await this.dataSource.manager.exists(UserEntity, { where: { emailKey: email.toLowerCase() } }))) problems.email = ['The email has already been taken.'];
    // A username defaulted from a taken e-mail is the same complaint; MySQL's collation would repeat it.
    if (username && !(values.username === undefined && problems.email) && (await this.dataSource.manager.exists(UserEntity, { where: { username } }))) {
      problems.username = ['The username has already been taken.'];
    }
    if (hasProblems(problems)) throw invalidData(problems);

    const firstName = values.firstName ?? email!.split('@')[0]!.slice(0, 64);
    const user = await this.create({
      email: email!, emailKey: email!.toLowerCase(), username: username!, firstName, lastName: values.lastName ?? null,
      name: values.name ?? defaultName(firstName, values.lastName, email!), phone: values.phone ?? null, isActive: true, isSysAdmin: false,
      isRootAdmin: false, confirmed: !confirm, confirmAttempts: 0, tokensValidAfter: '0',
      passwordHash: confirm ? null : await this.passwords.hash(values.password!), createdById: null, lastModifiedById: null,
    }, settings.openRegRoleId);

    if (confirm) {
      const code = await this.codes.issue(user.id, { unconfirm: true });
      try {
        await this.mail.send(codeMail('register', user.email, code, this.config.registerConfirmUrl, this.config.confirmCodeTtlMinutes));
      } catch {
        await this.dataSource.manager.delete(UserEntity, { id: user.id });
        throw new AppError('MAIL_FAILED', 'Could not send the registration e-mail.');
      }
      return { success: true, confirmation_required: true };
    }
    return options.login ? { success: true, session_token: this.sessions.issueFor(user) } : { success: true };
  }

  /** The user and, with open_reg_role_id, that role for every app existing now, in one transaction. */
  private create(values: Partial<UserEntity>, roleId: number | null): Promise<UserEntity> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.save(UserEntity, manager.create(UserEntity, values));
      if (roleId !== null && (await manager.exists(RoleEntity, { where: { id: roleId } }))) {
        const apps = await manager.find(AppEntity, { select: { id: true } });
        if (apps.length > 0) await manager.insert(UserAppRoleEntity, apps.map((app) => ({ userId: user.id, appId: app.id, roleId })));
      }
      return user;
    });
  }
}
