import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AppError } from '../../common/errors';
import type { JsonRecord } from '../../common/http/bodies';
import { APP_CONFIG, type AppConfig } from '../../config';
import type { FieldDefinition, ResourceDefinition, WriteContext } from '../resource/resource-definition';
import { BUILT_IN_SERVICES, isDatabaseType } from '../service-type/service-types';
import { ServiceConfigCodec } from './service-config';
import { configDefaults, validateServiceConfig } from './service-config.validator';
import { ServiceEntity } from './service.entity';
import { ServiceRegistry } from './service-registry.service';
import { RoleAccessDefinitionHolder } from '../role/role-access.definition';

const NAME_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

const FIELDS: FieldDefinition[] = [
  { name: 'id', type: 'id' }, { name: 'name', type: 'string' }, { name: 'label', type: 'string' }, { name: 'description', type: 'string' },
  { name: 'is_active', type: 'boolean' }, { name: 'type', type: 'string' }, { name: 'mutable', type: 'boolean' }, { name: 'deletable', type: 'boolean' },
  { name: 'config', type: 'text', filterable: false }, { name: 'created_date', type: 'timestamp' }, { name: 'last_modified_date', type: 'timestamp' },
  { name: 'created_by_id', type: 'integer' }, { name: 'last_modified_by_id', type: 'integer' },
];

/** `system/service` (API.md 4.2). */
@Injectable()
export class ServiceDefinitionHolder {
  readonly definition: ResourceDefinition<ServiceEntity>;

  constructor(
    codec: ServiceConfigCodec,
    registry: ServiceRegistry,
    @Inject(APP_CONFIG) config: AppConfig,
    modules: ModuleRef,
  ) {
    this.definition = {
      name: 'service',
      entity: ServiceEntity,
      fields: FIELDS,
      relations: [
        // Access rows are written through their role (4.4); here they are read-only. The role module
        // imports this one, so its definition is resolved when first used.
        {
          name: 'role_service_access_by_service_id', kind: 'has_many', column: 'service_id', writable: false,
          target: () => modules.get(RoleAccessDefinitionHolder, { strict: false }).definition as never,
        },
      ],
      toDto: (s) => ({
        id: s.id, name: s.name, label: s.label, description: s.description, is_active: s.isActive, type: s.type,
        mutable: s.mutable, deletable: s.deletable,
        config: s.type === 'system' || s.type === 'swagger' ? null : { ...configDefaults(s.type), ...codec.mask(s.config) },
        ...audit(s),
      }),
      prepareCreate: async (input, context) => {
        const problems: Record<string, string[]> = {};
        const name = typeof input.name === 'string' ? input.name.toLowerCase() : '';
        if (!NAME_PATTERN.test(name)) problems.name = ['The name field is required and may only contain letters, digits, - and _ (at most 40).'];
        else if ((BUILT_IN_SERVICES as readonly string[]).includes(name)) problems.name = [`The name '${name}' is reserved.`];
        const type = typeof input.type === 'string' ? input.type : '';
        if (!type) problems.type = ['The type field is required.'];
        else if (!isDatabaseType(type)) throw new AppError('VALUE_INVALID', `Unsupported service type '${type.slice(0, 40)}'.`);
        if (Object.keys(problems).length > 0) throw new AppError('VALUE_INVALID', 'Invalid data supplied.', problems);
        await assertNameFree(context, name);
        const values = validateServiceConfig(type, input.config, undefined, config);
        return {
          name, type, label: text(input.label, 80) ?? name, description: text(input.description, 255) ?? null,
          isActive: input.is_active === undefined ? true : bool(input.is_active, 'is_active'), mutable: true, deletable: true,
          config: codec.encode(values),
        };
      },
      prepareUpdate: async (input, existing, context) => {
        const builtIn = !existing.deletable;
        const changes: Partial<ServiceEntity> = {};
        if ('label' in input) changes.label = text(input.label, 80) ?? existing.name;
        if ('description' in input) changes.description = text(input.description, 255) ?? null;
        if (builtIn) {
          if (existing.type === 'user' && 'config' in input) changes.config = codec.encode(mergeUserConfig(codec.decode(existing.config), input.config));
          return changes;
        }
        if ('type' in input && input.type !== existing.type) throw new AppError('VALUE_INVALID', 'Invalid data supplied.', { type: ['The type of a service can not be changed.'] });
        if ('name' in input && typeof input.name === 'string' && input.name.toLowerCase() !== existing.name) {
          const name = input.name.toLowerCase();
          if (!NAME_PATTERN.test(name) || (BUILT_IN_SERVICES as readonly string[]).includes(name)) {
            throw new AppError('VALUE_INVALID', 'Invalid data supplied.', { name: ['The name may only contain letters, digits, - and _ (at most 40) and not be reserved.'] });
          }
          await assertNameFree(context, name);
          changes.name = name;
        }
        if ('is_active' in input) changes.isActive = bool(input.is_active, 'is_active');
        if ('config' in input) changes.config = codec.encode(validateServiceConfig(existing.type, input.config, codec.decode(existing.config), config));
        return changes;
      },
      beforeDelete: async (existing) => {
        if (!existing.deletable) throw new AppError('ACCESS_NOT_ALLOWED', `Service '${existing.name}' can not be deleted.`);
      },
      afterChange: () => registry.changed(),
    };
  }
}

async function assertNameFree(context: WriteContext, name: string): Promise<void> {
  if (await context.manager.getRepository(ServiceEntity).exists({ where: { name } })) {
    throw new AppError('CONFLICT', `A service named '${name}' already exists.`);
  }
}

function mergeUserConfig(stored: Record<string, unknown>, input: unknown): Record<string, unknown> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new AppError('VALUE_INVALID', 'Invalid data supplied.', { config: ['The config must be an object.'] });
  const given = input as Record<string, unknown>;
  const out = { ...stored };
  for (const key of ['allow_open_registration', 'open_reg_require_confirmation']) if (key in given) out[key] = bool(given[key], `config.${key}`);
  if ('open_reg_role_id' in given) {
    const value = given.open_reg_role_id;
    if (value !== null && !(typeof value === 'number' && Number.isSafeInteger(value))) throw new AppError('VALUE_INVALID', 'Invalid data supplied.', { 'config.open_reg_role_id': ['Must be a role id or null.'] });
    out.open_reg_role_id = value;
  }
  return out;
}

/** Plain text: HTML tags stripped, at most `max` characters. */
export function text(value: unknown, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new AppError('VALUE_INVALID', 'Invalid data supplied.', { value: ['Must be text.'] });
  const stripped = value.replace(/<[^>]*>/g, '').trim();
  if (stripped.length > max) throw new AppError('VALUE_INVALID', `Value is too long (max ${max}).`);
  return stripped === '' ? undefined : stripped;
}

export function bool(value: unknown, field: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true') return true;
  if (value === 0 || value === '0' || value === 'false' || value === '') return false;
  throw new AppError('VALUE_INVALID', 'Invalid data supplied.', { [field]: [`The ${field} field must be true or false.`] });
}

/** Audit fields as the contract shows them (API.md 4.1). */
export function audit(entity: { createdDate: Date; lastModifiedDate: Date; createdById: number | null; lastModifiedById: number | null }): JsonRecord {
  return {
    created_date: iso(entity.createdDate), last_modified_date: iso(entity.lastModifiedDate),
    created_by_id: entity.createdById, last_modified_by_id: entity.lastModifiedById,
  };
}

function iso(date: Date | string | null): string | null {
  if (date === null) return null;
  return (date instanceof Date ? date : new Date(date)).toISOString();
}
