import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { JsonRecord } from '../../common/http/bodies';
import type { FieldDefinition, ResourceDefinition } from '../resource/resource-definition';
import { ServiceEntity } from '../service/service.entity';
import { hasProblems, invalidData } from '../user/user-fields';
import { readAccessRow, type AccessRowValues } from './role-fields';
import { RoleServiceAccessEntity } from './role.entity';

const FIELDS: FieldDefinition[] = [
  { name: 'id', type: 'id' }, { name: 'role_id', type: 'integer' }, { name: 'service_id', type: 'integer' }, { name: 'component', type: 'string' },
  { name: 'verb_mask', type: 'integer' }, { name: 'requestor_mask', type: 'integer' }, { name: 'filters', type: 'text', filterable: false },
  { name: 'filter_op', type: 'string' },
];

/**
 * `role_service_access` rows (API.md 4.4), reached through `role_service_access_by_role_id`:
 * what a role may do on one service component, and the record filter that comes with it.
 */
@Injectable()
export class RoleAccessDefinitionHolder {
  readonly definition: ResourceDefinition<RoleServiceAccessEntity> = {
    name: 'role_service_access',
    entity: RoleServiceAccessEntity,
    fields: FIELDS,
    toDto: (row) => ({
      id: row.id, role_id: row.roleId, service_id: row.serviceId, component: row.component, verb_mask: row.verbMask,
      requestor_mask: row.requestorMask, filters: parseFilters(row.filters), filter_op: row.filterOp,
    }),
    prepareCreate: async (input, context) => toColumns(await checked(input, true, context.manager)),
    prepareUpdate: async (input, _existing, context) => toColumns(await checked(input, false, context.manager)),
  };
}

/** Field problems → 400 VALUE_INVALID; a service that does not exist, or the system service, too. */
async function checked(input: JsonRecord, creating: boolean, manager: EntityManager): Promise<AccessRowValues> {
  const { values, problems } = readAccessRow(input, creating);
  if (typeof values.serviceId === 'number') {
    const service = await manager.findOne(ServiceEntity, { where: { id: values.serviceId } });
    if (!service) problems.service_id = [`Service ${values.serviceId} does not exist.`];
    // Roles never grant the system service (API.md 6.3, 9 #44).
    else if (service.type === 'system') problems.service_id = ['Access to the system service can not be granted by a role.'];
  }
  if (hasProblems(problems)) throw invalidData(problems);
  return values;
}

function toColumns(values: AccessRowValues): Partial<RoleServiceAccessEntity> {
  const columns: Partial<RoleServiceAccessEntity> = {};
  if (values.serviceId !== undefined) columns.serviceId = values.serviceId;
  if (values.component !== undefined) columns.component = values.component;
  if (values.verbMask !== undefined) columns.verbMask = values.verbMask;
  if (values.requestorMask !== undefined) columns.requestorMask = values.requestorMask;
  if (values.filters !== undefined) columns.filters = JSON.stringify(values.filters);
  if (values.filterOp !== undefined) columns.filterOp = values.filterOp;
  return columns;
}

function parseFilters(text: string | null): unknown[] {
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}
