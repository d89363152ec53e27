import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { CallerUser } from '../../common/http/request-context';
import { UserEntity } from './user.entity';

const TTL_MS = 1000;

/** Users as the auth layer needs them: by id (cached briefly, invalidated on change) and by e-mail. */
@Injectable()
export class UserDirectory {
  private readonly byId = new Map<number, { at: number; user: UserEntity | null }>();

  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  async findById(id: number): Promise<UserEntity | null> {
    const cached = this.byId.get(id);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.user;
    const user = await this.users.findOne({ where: { id } });
    if (this.byId.size > 10_000) this.byId.clear();
    this.byId.set(id, { at: Date.now(), user });
    return user;
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { emailKey: email.trim().toLowerCase() } });
  }

  /** Call after any change to a user, so this process sees it at once. */
  /** Bumped by every invalidation: caches derived from users (verified tokens) compare it. */
  generation = 0;

  invalidate(id?: number): void {
    this.generation++;
    if (id === undefined) this.byId.clear();
    else this.byId.delete(id);
  }

  /** Sets last_login_date; a successful login also voids a pending reset code (API.md 5.1). */
  async recordLogin(user: UserEntity, when: string): Promise<void> {
    const voidCode = user.confirmCodeHash !== null ? { confirmCodeHash: null, confirmCodeExpires: null, confirmAttempts: 0 } : {};
    await this.users.update({ id: user.id }, { lastLoginDate: when, ...voidCode });
    this.invalidate(user.id);
  }
}

export function toCallerUser(user: UserEntity): CallerUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    firstName: user.firstName,
    lastName: user.lastName,
    username: user.username,
    isSysAdmin: user.isSysAdmin,
    isRootAdmin: user.isRootAdmin,
    lastLoginDate: user.lastLoginDate,
  };
}
