import { Column, Entity, Index } from 'typeorm';
import { AuditedEntity } from '../../common/entities/audited.entity';

/** Users and admins share one table; `is_sys_admin` tells them apart (API.md 4.6). */
@Entity('system_user')
export class UserEntity extends AuditedEntity {
  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Index('uq_user_username', { unique: true })
  @Column({ type: 'varchar', length: 255 })
  username!: string;

  @Column({ name: 'first_name', type: 'varchar', length: 64, nullable: true })
  firstName!: string | null;

  @Column({ name: 'last_name', type: 'varchar', length: 64, nullable: true })
  lastName!: string | null;

  @Column({ type: 'varchar', length: 255 })
  email!: string;

  /** Lower-cased e-mail: uniqueness is case-insensitive on every engine. */
  @Index('uq_user_email', { unique: true })
  @Column({ name: 'email_key', type: 'varchar', length: 255 })
  emailKey!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone!: string | null;

  /** argon2id hash; null until a password is set. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive!: boolean;

  @Column({ name: 'is_sys_admin', type: 'boolean', default: false })
  isSysAdmin!: boolean;

  @Column({ name: 'is_root_admin', type: 'boolean', default: false })
  isRootAdmin!: boolean;

  /** Hash of the pending reset / registration / invitation code. */
  @Column({ name: 'confirm_code_hash', type: 'varchar', length: 255, nullable: true })
  confirmCodeHash!: string | null;

  @Column({ name: 'confirm_code_expires', type: 'bigint', nullable: true })
  confirmCodeExpires!: string | null;

  @Column({ name: 'confirm_attempts', type: 'int', default: 0 })
  confirmAttempts!: number;

  @Column({ name: 'confirmed', type: 'boolean', default: true })
  confirmed!: boolean;

  @Column({ name: 'last_login_date', type: 'varchar', length: 19, nullable: true })
  lastLoginDate!: string | null;

  /** Tokens issued (iat, seconds) before this instant are revoked: password or e-mail change. */
  @Column({ name: 'tokens_valid_after', type: 'bigint', default: 0 })
  tokensValidAfter!: string;
}

/** The role a user has when calling through one app (API.md 4.6, 6.2). */
@Entity('user_app_role')
@Index('uq_user_app_role', ['userId', 'appId'], { unique: true })
export class UserAppRoleEntity {
  @Column({ type: 'int', primary: true, generated: 'increment' })
  id!: number;

  @Column({ name: 'user_id', type: 'int' })
  userId!: number;

  @Column({ name: 'app_id', type: 'int' })
  appId!: number;

  @Column({ name: 'role_id', type: 'int' })
  roleId!: number;
}
