import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Not, type Repository } from 'typeorm';
import { PasswordService } from '../auth/password.service';
import { SessionService } from '../auth/session/session.service';
import { revokeAllTokensValue } from '../auth/session/token.service';
import { AppError } from '../common/errors';
import type { Caller } from '../common/http/request-context';
import { UserDirectory } from '../system/user/user-directory.service';
import { hasProblems, invalidData, readUserFields } from '../system/user/user-fields';
import { UserEntity } from '../system/user/user.entity';

const PROFILE_KEYS = ['first_name', 'last_name', 'name', 'username', 'phone', 'email'];

export type ProfileKind = 'user' | 'admin';

/** `/user/profile` and `/system/admin/profile` (API.md 5.5): the caller's own safe fields. */
@Injectable()
export class ProfileService {
  constructor(
    @InjectRepository(UserEntity) private readonly repository: Repository<UserEntity>,
    private readonly users: UserDirectory,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
  ) {}

  async get(caller: Caller, kind: ProfileKind): Promise<Record<string, unknown>> {
    const user = await this.own(caller, kind);
    return { username: user.username, first_name: user.firstName, last_name: user.lastName, name: user.name, email: user.email, phone: user.phone };
  }

  /** Other keys (is_sys_admin, password, role_id, is_active, …) are ignored; an e-mail change needs the current password and revokes tokens. */
  async update(caller: Caller, kind: ProfileKind, body: Record<string, unknown>): Promise<{ success: true; session_token?: string }> {
    const user = await this.own(caller, kind);
    const input = Object.fromEntries(PROFILE_KEYS.filter((k) => k in body).map((k) => [k, body[k]]));
    if (Object.keys(input).length === 0) throw new AppError('REQUEST_INVALID', 'No data supplied for operation.');
    const { values, problems } = readUserFields(input, { creating: false, minPasswordLength: 0 });
    if (hasProblems(problems)) throw invalidData(problems);
    const emailChanged = values.email !== undefined && values.email.toLowerCase() !== user.emailKey;
    if (emailChanged) await this.assertEmailChangeAllowed(user, body.current_password, values.email!);
    if (values.username !== undefined && values.username !== user.username && (await this.repository.exists({ where: { username: values.username, id: Not(user.id) } }))) {
      throw new AppError('CONFLICT', 'The username has already been taken.', { username: ['The username has already been taken.'] });
    }
    const changes: Partial<UserEntity> = { lastModifiedById: user.id };
    if (values.email !== undefined) Object.assign(changes, { email: values.email, emailKey: values.email.toLowerCase() });
    if (values.username !== undefined) changes.username = values.username;
    if (values.firstName !== undefined) changes.firstName = values.firstName;
    if (values.lastName !== undefined) changes.lastName = values.lastName;
    if (values.name !== undefined) changes.name = values.name;
    if (values.phone !== undefined) changes.phone = values.phone;
    if (emailChanged) changes.tokensValidAfter = revokeAllTokensValue();
    await this.repository.update({ id: user.id }, changes);
    this.users.invalidate(user.id);
    return emailChanged ? { success: true, session_token: this.sessions.issueFor({ ...user, ...changes }) } : { success: true };
  }

  private async own(caller: Caller, kind: ProfileKind): Promise<UserEntity> {
    if (!caller.user) throw new AppError('AUTH_NO_SESSION', 'There is no valid session for the current request.');
    if (kind === 'admin' && !caller.user.isSysAdmin) throw new AppError('ACCESS_ADMIN_REQUIRED', 'Access Forbidden. This operation requires an administrator.');
    const user = await this.repository.findOne({ where: { id: caller.user.id } });
    if (!user) throw new AppError('AUTH_NO_SESSION', 'There is no valid session for the current request.');
    return user;
  }

  private async assertEmailChangeAllowed(user: UserEntity, currentPassword: unknown, email: string): Promise<void> {
    if (typeof currentPassword !== 'string' || currentPassword === '') throw new AppError('VALUE_INVALID', 'Current Password required to change email');
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) throw new AppError('VALUE_INVALID', 'The password supplied does not match.');
    if (await this.repository.exists({ where: { emailKey: email.toLowerCase(), id: Not(user.id) } })) {
      throw new AppError('CONFLICT', 'The email has already been taken.', { email: ['The email has already been taken.'] });
    }
  }
}
