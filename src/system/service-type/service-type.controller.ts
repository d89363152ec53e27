import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../../auth/decorators/admin-only.decorator';
import { AppError } from '../../common/errors';
import { RequestParams } from '../../common/http/params';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import { SERVICE_TYPES, type ServiceType } from './service-types';

const OBJECT = { type: 'object', additionalProperties: true } as const;

/** `system/service_type` (API.md 4.3): the service types and their config schemas, read-only. */
@ApiTags('system')
@Controller('system/service_type')
@AdminOnly()
export class ServiceTypeController {
  @Get()
  @ApiOperation({ summary: 'List service types', operationId: 'getServiceTypes' })
  @ApiQuery({ name: 'group', required: false, type: String })
  @ApiQuery({ name: 'fields', required: false, type: String })
  @ApiOkResponse({ schema: { type: 'object', properties: { resource: { type: 'array', items: OBJECT } } } })
  @ApiErrors(400, 401, 403)
  list(@Query() query: Record<string, unknown>) {
    const params = new RequestParams(query);
    const group = params.string('group')?.trim().toLowerCase();
    const types = SERVICE_TYPES.filter((type) => group === undefined || group === '' || type.group.toLowerCase() === group);
    if (params.bool('as_list')) return { resource: types.map((type) => type.name) };
    const fields = params.list('fields');
    return { resource: types.map((type) => project(type, fields)) };
  }

  @Get(':name')
  @ApiOperation({ summary: 'One service type', operationId: 'getServiceType' })
  @ApiParam({ name: 'name' })
  @ApiOkResponse({ schema: OBJECT })
  @ApiErrors(400, 401, 403, 404)
  get(@Param('name') name: string, @Query() query: Record<string, unknown>) {
    const type = SERVICE_TYPES.find((t) => t.name === name.toLowerCase());
    if (!type) throw new AppError('RECORD_NOT_FOUND', `Service type '${name.slice(0, 64)}' not found.`);
    return project(type, new RequestParams(query).list('fields'));
  }
}

/** The type with only the requested keys (`fields`; `*` or none: all), in the contract's order. */
function project(type: ServiceType, fields: readonly string[] | undefined): Record<string, unknown> {
  const full: Record<string, unknown> = {
    name: type.name, label: type.label, description: type.description, group: type.group, singleton: type.singleton, config_schema: type.config_schema,
  };
  if (!fields || fields.length === 0 || fields.includes('*')) return full;
  return Object.fromEntries(fields.filter((field) => Object.hasOwn(full, field)).map((field) => [field, full[field]]));
}
