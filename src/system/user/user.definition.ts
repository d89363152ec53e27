import { Inject, Injectable } from '@nestjs/common';
import { Not, type EntityManager } from 'typeorm';
import { PasswordService } from '../../auth/password.service';
import { revokeAllTokensValue } from '../../auth/session/token.service';
import { AppError } from '../../common/errors';
import { RequestParams } from '../../common/http/params';
import { APP_CONFIG, type AppConfig } from '../../config';
import { LookupDefinitionHolder } from '../lookup/lookup.definition';
import type { FieldDefinition, ResourceDefinition, WriteContext } from '../resource/resource-definition';
import { audit } from '../service/service.definition';
import { InvitationService } from './invitation.service';
import { UserAppRoleDefinitionHolder } from './user-app-role.definition';
import { UserDirectory } from './user-directory.service';
import { defaultName, hasProblems, invalidData, readUserFields } from './user-fields';
import { UserEntity } from './user.entity';

export type AccountKind = 'user' | 'admin';

const COMMON_FIELDS: FieldDefinition[] = [
  { name: 'id', type: 'id' }, { name: 'name', type: 'string' }, { name: 'username', type: 'string' }, { name: 'first_name', type: 'string' },
  { name: 'last_name', type: 'string' }, { name: 'email', type: 'string' }, { name: 'phone', type: 'string' }, { name: 'is_active', type: 'boolean' },
  { name: 'confirmed', type: 'boolean' }, { name: 'last_login_date', type: 'string' },
];
const AUDIT_FIELDS: FieldDefinition[] = [
  { name: 'created_date', type: 'timestamp' }, { name: 'last_modified_date', type: 'timestamp' },
  { name: 'created_by_id', type: 'integer' }, { name: 'last_modified_by_id', type: 'integer' },
];

/**
 * `system/user` (non-admins) and `system/admin` (admins), API.md 4.6: one table, scoped by
 * is_sys_admin, which is implied by the resource and never a field. Passwords are write-only and
 * hashed; hashes and codes are never returned; password, e-mail and activation changes revoke tokens.
 */
@Injectable()
export class AccountDefinitions {
  readonly user: ResourceDefinition<UserEntity>;
  readonly admin: ResourceDefinition<UserEntity>;

  constructor(
    private readonly passwords: PasswordService,
    private readonly users: UserDirectory,
    private readonly invitations: InvitationService,
    mappings: UserAppRoleDefinitionHolder,
    lookups: LookupDefinitionHolder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const relations = [
      { name: 'user_to_app_to_role_by_user_id', kind: 'has_many', target: () => mappings.definition, column: 'user_id', writable: true },
      { name: 'lookup_by_user_id', kind: 'has_many', target: () => lookups.definition, column: 'user_id', writable: true },
    ] as const;
    this.user = this.build('user', relations);
    this.admin = this.build('admin', relations);
  }

  private build(kind: AccountKind, relations: ResourceDefinition<UserEntity>['relations']): ResourceDefinition<UserEntity> {
    return {
      name: kind,
      entity: UserEntity,
      fields: kind === 'admin' ? [...COMMON_FIELDS, { name: 'is_root_admin', type: 'boolean' }, ...AUDIT_FIELDS] : [...COMMON_FIELDS, ...AUDIT_FIELDS],
      relations,
      scope: { is_sys_admin: kind === 'admin' },
      toDto: (u) => ({
        id: u.id, name: u.name, username: u.username, first_name: u.firstName, last_name: u.lastName, email: u.email, phone: u.phone,
        is_active: u.isActive, confirmed: u.confirmed, last_login_date: u.lastLoginDate, ...(kind === 'admin' ? { is_root_admin: u.isRootAdmin } : {}), ...audit(u),
      }),
      prepareCreate: (input, context) => this.prepareCreate(input, context),
      prepareUpdate: (input, existing, context) => this.prepareUpdate(kind, input, existing, context),
      beforeDelete: (existing, context) => this.beforeDelete(kind, existing, context),
      afterChange: async (ids, change, context) => {
        ids.forEach((id) => this.users.invalidate(id));
        if (context.complete && change !== 'delete' && new RequestParams(context.query).bool('send_invite')) await this.invitations.invite(ids, change === 'create');
      },
    };
  }

  private async prepareCreate(input: Record<string, unknown>, context: WriteContext): Promise<Partial<UserEntity>> {
    const { values, problems } = readUserFields(input, { creating: true, minPasswordLength: this.config.passwordMinLength });
    if (hasProblems(problems)) throw invalidData(problems);
    const email = values.email!;
    const username = values.username ?? email;
    await assertFree(context.manager, email, username, undefined);
    return {
      email, emailKey: email.toLowerCase(), username, firstName: values.firstName ?? null, lastName: values.lastName ?? null,
      name: values.name ?? defaultName(values.firstName, values.lastName, email), phone: values.phone ?? null,
      isActive: values.isActive ?? true, isRootAdmin: false, confirmed: true, confirmAttempts: 0, tokensValidAfter: '0',
      passwordHash: values.password === undefined ? null : await this.passwords.hash(values.password),
    };
  }

  private async prepareUpdate(kind: AccountKind, input: Record<string, unknown>, existing: UserEntity, context: WriteContext): Promise<Partial<UserEntity>> {
    const { values, problems } = readUserFields(input, { creating: false, minPasswordLength: this.config.passwordMinLength });
    if (hasProblems(problems)) throw invalidData(problems);
    const changes: Partial<UserEntity> = {};
    const emailChanged = values.email !== undefined && values.email.toLowerCase() !== existing.emailKey;
    const usernameChanged = values.username !== undefined && values.username !== existing.username;
    if (emailChanged || usernameChanged) await assertFree(context.manager, emailChanged ? values.email : undefined, usernameChanged ? values.username : undefined, existing.id);
    if (values.email !== undefined) Object.assign(changes, { email: values.email, emailKey: values.email.toLowerCase() });
    if (values.username !== undefined) changes.username = values.username;
    if (values.firstName !== undefined) changes.firstName = values.firstName;
    if (values.lastName !== undefined) changes.lastName = values.lastName;
    if (values.name !== undefined) changes.name = values.name;
    if (values.phone !== undefined) changes.phone = values.phone;
    if (values.password !== undefined) changes.passwordHash = await this.passwords.hash(values.password);
    const deactivated = values.isActive === false && existing.isActive;
    if (deactivated && kind === 'admin') await assertAdminMayGo(existing, context.manager, 'deactivated');
    if (values.isActive !== undefined) changes.isActive = values.isActive;
    if (emailChanged || deactivated || values.password !== undefined) changes.tokensValidAfter = revokeAllTokensValue();
    return changes;
  }

  private async beforeDelete(kind: AccountKind, existing: UserEntity, context: WriteContext): Promise<void> {
    if (context.caller.user?.id === existing.id) throw new AppError('ACCESS_NOT_ALLOWED', 'Cannot delete your account.');
    if (kind === 'admin') await assertAdminMayGo(existing, context.manager, 'deleted');
  }
}

/** E-mails are unique across users and admins, case-insensitively; so are usernames. */
async function assertFree(manager: EntityManager, email: string | undefined, username: string | undefined, ownId: number | undefined): Promise<void> {
  const others = ownId === undefined ? {} : { id: Not(ownId) };
  if (email !== undefined && (await manager.exists(UserEntity, { where: { emailKey: email.toLowerCase(), ...others } }))) {
    throw new AppError('CONFLICT', 'The email has already been taken.', { email: ['The email has already been taken.'] });
  }
  if (username !== undefined && (await manager.exists(UserEntity, { where: { username, ...others } }))) {
    throw new AppError('CONFLICT', 'The username has already been taken.', { username: ['The username has already been taken.'] });
  }
}

/** The root admin and the last active admin cannot be deleted or deactivated (API.md 4.6). */
async function assertAdminMayGo(admin: UserEntity, manager: EntityManager, what: 'deleted' | 'deactivated'): Promise<void> {
  if (admin.isRootAdmin) throw new AppError('ACCESS_NOT_ALLOWED', `The root admin can not be ${what}.`);
  const others = await manager.count(UserEntity, { where: { isSysAdmin: true, isActive: true, id: Not(admin.id) } });
  if (admin.isActive && others === 0) throw new AppError('ACCESS_NOT_ALLOWED', `The last active admin can not be ${what}.`);
}

/** `system/user`: the resource holder the shared controller factory expects. */
@Injectable()
export class UserDefinitionHolder {
  readonly definition: ResourceDefinition<UserEntity>;

  constructor(accounts: AccountDefinitions) {
    this.definition = accounts.user;
  }
}

/** `system/admin`. */
@Injectable()
export class AdminDefinitionHolder {
  readonly definition: ResourceDefinition<UserEntity>;

  constructor(accounts: AccountDefinitions) {
    this.definition = accounts.admin;
  }
}
