import { Inject, Injectable } from '@nestjs/common';
import { Not, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors';
import { RequestParams } from '../../common/http/params';
import { APP_CONFIG, type AppConfig } from '../../config';
import { LookupDefinitionHolder } from '../lookup/lookup.definition';
import type { FieldDefinition, ResourceDefinition } from '../resource/resource-definition';
import { RoleDefinitionHolder } from '../role/role.definition';
import { RoleEntity } from '../role/role.entity';
import { audit } from '../service/service.definition';
import { UserAppRoleDefinitionHolder } from '../user/user-app-role.definition';
import { hasProblems, invalidData } from '../user/user-fields';
import { AppDirectory } from './app-directory.service';
import { generateApiKey, launchUrl, readAppFields, type AppFieldValues } from './app-fields';
import { AppEntity } from './app.entity';

const FIELDS: FieldDefinition[] = [
  { name: 'id', type: 'id' }, { name: 'name', type: 'string' }, { name: 'api_key', type: 'string' }, { name: 'description', type: 'string' },
  { name: 'is_active', type: 'boolean' }, { name: 'type', type: 'integer' }, { name: 'url', type: 'string' }, { name: 'path', type: 'string' },
  { name: 'role_id', type: 'integer' }, { name: 'requires_fullscreen', type: 'boolean' }, { name: 'allow_fullscreen_toggle', type: 'boolean' },
  { name: 'toggle_location', type: 'string' }, { name: 'launch_url', type: 'string', filterable: false },
  { name: 'created_date', type: 'timestamp' }, { name: 'last_modified_date', type: 'timestamp' },
  { name: 'created_by_id', type: 'integer' }, { name: 'last_modified_by_id', type: 'integer' },
];

/** `system/app` (API.md 4.5): apps and their API keys; `?regenerate=true` replaces a key. */
@Injectable()
export class AppDefinitionHolder {
  readonly definition: ResourceDefinition<AppEntity>;

  constructor(
    apps: AppDirectory,
    mappings: UserAppRoleDefinitionHolder,
    lookups: LookupDefinitionHolder,
    roles: RoleDefinitionHolder,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.definition = {
      name: 'app',
      entity: AppEntity,
      fields: FIELDS,
      relations: [
        { name: 'role_by_role_id', kind: 'belongs_to', target: () => roles.definition, column: 'role_id', writable: false },
        { name: 'lookup_by_app_id', kind: 'has_many', target: () => lookups.definition, column: 'app_id', writable: true },
        { name: 'user_to_app_to_role_by_app_id', kind: 'has_many', target: () => mappings.definition, column: 'app_id', writable: true },
      ],
      toDto: (a) => ({
        id: a.id, name: a.name, api_key: a.apiKey, description: a.description, is_active: a.isActive, type: a.type, url: a.url, path: a.path,
        role_id: a.roleId, requires_fullscreen: a.requiresFullscreen, allow_fullscreen_toggle: a.allowFullscreenToggle,
        toggle_location: a.toggleLocation, launch_url: launchUrl(a, config.publicUrl), ...audit(a),
      }),
      prepareCreate: async (input, context) => {
        const values = await checked(readAppFields(input, true), context.manager, undefined);
        return {
          name: values.name!, apiKey: values.apiKey ?? generateApiKey(), description: values.description ?? null,
          isActive: values.isActive ?? true, type: values.type ?? 0, url: values.url ?? null, path: values.path ?? null, roleId: values.roleId ?? null,
          requiresFullscreen: values.requiresFullscreen ?? false, allowFullscreenToggle: values.allowFullscreenToggle ?? true,
          toggleLocation: values.toggleLocation ?? 'top',
        };
      },
      prepareUpdate: async (input, existing, context) => {
        const values = await checked(readAppFields(input, false), context.manager, existing.id);
        if (regenerate(context.query)) values.apiKey = generateApiKey();
        return values;
      },
      writeResponseFields: (query) => (regenerate(query) ? ['api_key'] : []),
      // The old key stops working at once in this process; other instances drop their 1 s cache.
      afterChange: () => apps.invalidate(),
    };
  }
}

function regenerate(query: Readonly<Record<string, unknown>>): boolean {
  return new RequestParams(query).bool('regenerate');
}

/** Field problems → 400; a taken name or key → 409; an unknown role → 400. */
async function checked(read: { values: AppFieldValues; problems: Record<string, string[]> }, manager: EntityManager, ownId: number | undefined): Promise<AppFieldValues> {
  const { values, problems } = read;
  if (values.roleId && !(await manager.exists(RoleEntity, { where: { id: values.roleId } }))) problems.role_id = [`Role ${values.roleId} does not exist.`];
  if (hasProblems(problems)) throw invalidData(problems);
  const others = ownId === undefined ? {} : { id: Not(ownId) };
  if (values.name !== undefined && (await manager.exists(AppEntity, { where: { name: values.name, ...others } }))) {
    throw new AppError('CONFLICT', `An app named '${values.name}' already exists.`, { name: ['The name has already been taken.'] });
  }
  if (values.apiKey !== undefined && (await manager.exists(AppEntity, { where: { apiKey: values.apiKey, ...others } }))) {
    throw new AppError('CONFLICT', 'The api_key has already been taken.', { api_key: ['The api_key has already been taken.'] });
  }
  return values;
}
