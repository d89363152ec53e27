import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AdminOnly } from '../../auth/decorators/admin-only.decorator';
import { Public } from '../../auth/decorators/public.decorator';
import { isAdmin, type AppRequest } from '../../common/http/request-context';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import { SERVICE_TYPES } from '../service-type/service-types';
import { ServiceEntity } from '../service/service.entity';

const SYSTEM_RESOURCES = ['admin', 'admin/password', 'admin/profile', 'admin/session', 'app', 'cache', 'cors', 'environment',
  'lookup', 'role', 'service', 'service_type', 'user'];

@ApiTags('index')
@Controller()
export class IndexController {
  constructor(@InjectRepository(ServiceEntity) private readonly services: Repository<ServiceEntity>) {}

  /** `GET /api/v2`: the active services the caller may use, and every service type (API.md 2.1). */
  @Get()
  @Public()
  @ApiOperation({ summary: 'Services and service types', operationId: 'getIndex' })
  @ApiOkResponse({ description: 'Index', schema: { type: 'object', properties: { services: { type: 'array', items: { type: 'object' } }, service_types: { type: 'array', items: { type: 'object' } } } } })
  @ApiErrors(401)
  async index(@Req() req: AppRequest) {
    // Until RBAC (#9) grants services to roles, only admins may use any service.
    const services = isAdmin(req.caller) ? await this.services.find({ where: { isActive: true }, order: { id: 'ASC' } }) : [];
    return {
      services: services.map((s) => ({ id: s.id, name: s.name, label: s.label, description: s.description, type: s.type, spec_url: `/api/v2/${s.name}/_spec` })),
      service_types: SERVICE_TYPES.filter((t) => t.group === 'Database').map((t) => ({ name: t.name, label: t.label, group: t.group, description: t.description })),
    };
  }

  /** `GET /api/v2/system`: the system resources (API.md 4). */
  @Get('system')
  @AdminOnly()
  @ApiOperation({ summary: 'System resources', operationId: 'getSystemResources' })
  @ApiOkResponse({ description: 'Resource list', schema: { type: 'object', properties: { resource: { type: 'array', items: { type: 'object' } } } } })
  @ApiErrors(401, 403)
  system(@Req() req: AppRequest) {
    if (req.query.as_access_list !== undefined) return { resource: [] };
    if (req.query.as_list !== undefined) return { resource: SYSTEM_RESOURCES };
    return { resource: SYSTEM_RESOURCES.map((name) => ({ name })) };
  }
}
