import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Not, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors';
import { APP_DEFINITION } from '../app/app-definition.token';
import { LookupDefinitionHolder } from '../lookup/lookup.definition';
import type { FieldDefinition, ResourceDefinition } from '../resource/resource-definition';
import { audit } from '../service/service.definition';
import { UserAppRoleDefinitionHolder } from '../user/user-app-role.definition';
import { hasProblems, invalidData } from '../user/user-fields';
import { RoleAccessDefinitionHolder } from './role-access.definition';
import { readRoleFields, type RoleFieldValues } from './role-fields';
import { RoleEntity } from './role.entity';

type AppHolder = { readonly definition: ResourceDefinition<{ id: number }> };

const FIELDS: FieldDefinition[] = [
  { name: 'id', type: 'id' }, { name: 'name', type: 'string' }, { name: 'description', type: 'string' }, { name: 'is_active', type: 'boolean' },
  { name: 'created_date', type: 'timestamp' }, { name: 'last_modified_date', type: 'timestamp' },
  { name: 'created_by_id', type: 'integer' }, { name: 'last_modified_by_id', type: 'integer' },
];

/**
 * `system/role` (API.md 4.4): roles with their access rows, lookups, user-app mappings and the
 * apps whose default role they are. Deleting a role deletes its rows, lookups and mappings and
 * clears it as a default role (foreign keys); caches drop it at once (AccessCacheSync).
 */
@Injectable()
export class RoleDefinitionHolder {
  readonly definition: ResourceDefinition<RoleEntity>;

  constructor(access: RoleAccessDefinitionHolder, lookups: LookupDefinitionHolder, mappings: UserAppRoleDefinitionHolder, modules: ModuleRef) {
    this.definition = {
      name: 'role',
      entity: RoleEntity,
      fields: FIELDS,
      relations: [
        { name: 'role_service_access_by_role_id', kind: 'has_many', target: () => access.definition, column: 'role_id', writable: true },
        { name: 'lookup_by_role_id', kind: 'has_many', target: () => lookups.definition, column: 'role_id', writable: true },
        { name: 'user_to_app_to_role_by_role_id', kind: 'has_many', target: () => mappings.definition, column: 'role_id', writable: true },
        // Apps refer to roles, and their module imports this one: resolved when first used.
        { name: 'app_by_role_id', kind: 'has_many', target: () => modules.get<AppHolder>(APP_DEFINITION, { strict: false }).definition, column: 'role_id', writable: false },
      ],
      toDto: (r) => ({ id: r.id, name: r.name, description: r.description, is_active: r.isActive, ...audit(r) }),
      prepareCreate: async (input, context) => {
        const values = await checked(readRoleFields(input, true), context.manager, undefined);
        return { name: values.name!, description: values.description ?? null, isActive: values.isActive ?? true };
      },
      prepareUpdate: async (input, existing, context) => checked(readRoleFields(input, false), context.manager, existing.id),
    };
  }
}

/** Field problems → 400; a taken name → 409. */
async function checked(read: { values: RoleFieldValues; problems: Record<string, string[]> }, manager: EntityManager, ownId: number | undefined): Promise<RoleFieldValues> {
  if (hasProblems(read.problems)) throw invalidData(read.problems);
  const name = read.values.name;
  const others = ownId === undefined ? {} : { id: Not(ownId) };
  if (name !== undefined && (await manager.exists(RoleEntity, { where: { name, ...others } }))) {
    throw new AppError('CONFLICT', `A role named '${name}' already exists.`, { name: ['The name has already been taken.'] });
  }
  return read.values;
}
