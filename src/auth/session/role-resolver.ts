import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Caller } from '../../common/http/request-context';
import { RoleEntity } from '../../system/role/role.entity';
import { UserAppRoleEntity } from '../../system/user/user.entity';

export type CallerApp = NonNullable<Caller['app']>;

/**
 * The effective role inputs of API.md 6.2 for a non-admin user of an app: the user's
 * user_to_app_to_role row for that app, else the app's default role (`app.role_id`), else none.
 * Mappings for other apps never apply; admins need no role (callers skip this for them).
 */
@Injectable()
export class RoleResolver {
  constructor(
    @InjectRepository(UserAppRoleEntity) private readonly mappings: Repository<UserAppRoleEntity>,
    @InjectRepository(RoleEntity) private readonly roles: Repository<RoleEntity>,
  ) {}

  /** The role id a user would have through `app` (undefined: no app, or no role). */
  async roleIdFor(userId: number | undefined, app: CallerApp | undefined): Promise<number | undefined> {
    if (!app) return undefined;
    if (userId !== undefined) {
      const mapping = await this.mappings.findOne({ where: { userId, appId: app.id } });
      if (mapping) return mapping.roleId;
    }
    return app.roleId ?? undefined;
  }

  /** The role entity a user (or, without `userId`, a guest) would have through `app`. */
  async roleFor(userId: number | undefined, app: CallerApp | undefined): Promise<RoleEntity | undefined> {
    const roleId = await this.roleIdFor(userId, app);
    if (roleId === undefined) return undefined;
    return (await this.roles.findOne({ where: { id: roleId } })) ?? undefined;
  }
}
