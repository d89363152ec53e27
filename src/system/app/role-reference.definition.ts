import { AppError } from '../../common/errors';
import type { ResourceDefinition } from '../resource/resource-definition';
import { RoleEntity } from '../role/role.entity';
import { audit } from '../service/service.definition';

const READ_ONLY = () => Promise.reject(new AppError('FEATURE_UNSUPPORTED', 'Roles are not written through this relationship.'));

/**
 * Roles as the target of `role_by_role_id` (belongs_to, read-only). system/role itself arrives
 * with RBAC (#9), whose definition can replace this one.
 */
export const ROLE_REFERENCE: ResourceDefinition<RoleEntity> = {
  name: 'role',
  entity: RoleEntity,
  fields: [{ name: 'id', type: 'id' }, { name: 'name', type: 'string' }, { name: 'description', type: 'string' }, { name: 'is_active', type: 'boolean' }],
  toDto: (r) => ({ id: r.id, name: r.name, description: r.description, is_active: r.isActive, ...audit(r) }),
  prepareCreate: READ_ONLY,
  prepareUpdate: READ_ONLY,
};
