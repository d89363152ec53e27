import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors';
import type { JsonRecord } from '../../common/http/bodies';
import { AppEntity } from '../app/app.entity';
import type { ResourceDefinition, WriteContext } from '../resource/resource-definition';
import { RoleEntity } from '../role/role.entity';
import { UserAppRoleEntity, UserEntity } from './user.entity';

type Mapping = Pick<UserAppRoleEntity, 'userId' | 'appId' | 'roleId'>;

/**
 * `user_to_app_to_role` rows `{id, user_id, app_id, role_id}`, reached through
 * `user_to_app_to_role_by_user_id` (users, admins) and `user_to_app_to_role_by_app_id` (apps):
 * at most one row per (user, app) (API.md 4.6, 6.2).
 */
@Injectable()
export class UserAppRoleDefinitionHolder {
  readonly definition: ResourceDefinition<UserAppRoleEntity> = {
    name: 'user_to_app_to_role',
    entity: UserAppRoleEntity,
    fields: [{ name: 'id', type: 'id' }, { name: 'user_id', type: 'integer' }, { name: 'app_id', type: 'integer' }, { name: 'role_id', type: 'integer' }],
    toDto: (m) => ({ id: m.id, user_id: m.userId, app_id: m.appId, role_id: m.roleId }),
    prepareCreate: async (input, context) => {
      const mapping = readMapping(input, undefined);
      await check(mapping, undefined, context);
      return mapping;
    },
    prepareUpdate: async (input, existing, context) => {
      const mapping = readMapping(input, existing);
      await check(mapping, existing.id, context);
      return mapping;
    },
  };
}

function readMapping(input: JsonRecord, existing: Mapping | undefined): Mapping {
  const problems: Record<string, string[]> = {};
  const id = (field: 'user_id' | 'app_id' | 'role_id', fallback: number | undefined): number => {
    const value = field in input ? input[field] : fallback;
    const parsed = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
    if (typeof parsed === 'number' && Number.isSafeInteger(parsed) && parsed > 0) return parsed;
    problems[field] = [`The ${field} field is required and must be an id.`];
    return 0;
  };
  const mapping = { userId: id('user_id', existing?.userId), appId: id('app_id', existing?.appId), roleId: id('role_id', existing?.roleId) };
  if (Object.keys(problems).length > 0) throw new AppError('VALUE_INVALID', 'Invalid data supplied.', problems);
  return mapping;
}

async function check(mapping: Mapping, ownId: number | undefined, context: WriteContext): Promise<void> {
  const m = context.manager;
  const problems: Record<string, string[]> = {};
  if (!(await m.exists(UserEntity, { where: { id: mapping.userId } }))) problems.user_id = [`User ${mapping.userId} does not exist.`];
  if (!(await m.exists(AppEntity, { where: { id: mapping.appId } }))) problems.app_id = [`App ${mapping.appId} does not exist.`];
  if (!(await m.exists(RoleEntity, { where: { id: mapping.roleId } }))) problems.role_id = [`Role ${mapping.roleId} does not exist.`];
  if (Object.keys(problems).length > 0) throw new AppError('VALUE_INVALID', 'Invalid data supplied.', problems);
  const taken = await m.findOne(UserAppRoleEntity, { where: { userId: mapping.userId, appId: mapping.appId } });
  if (taken && taken.id !== ownId) {
    throw new AppError('CONFLICT', `User ${mapping.userId} already has a role for app ${mapping.appId}.`);
  }
}
