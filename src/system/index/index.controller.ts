import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { grantsBelow } from '../../auth/access/access-policy';
import { AccessService } from '../../auth/access/access.service';
import { AdminOnly } from '../../auth/decorators/admin-only.decorator';
import { Public } from '../../auth/decorators/public.decorator';
import { RequestParams } from '../../common/http/params';
import { isAdmin, type AppRequest, type Caller } from '../../common/http/request-context';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import { SERVICE_TYPES } from '../service-type/service-types';
import { ServiceRegistry } from '../service/service-registry.service';
import type { ServiceEntity } from '../service/service.entity';

const SYSTEM_RESOURCES = ['admin', 'admin/password', 'admin/profile', 'admin/session', 'app', 'cache', 'cors', 'environment',
  'lookup', 'role', 'service', 'service_type', 'user'];
const SERVICE_FIELDS = ['id', 'name', 'label', 'description', 'type'];

@ApiTags('index')
@Controller()
export class IndexController {
  constructor(
    private readonly registry: ServiceRegistry,
    private readonly access: AccessService,
  ) {}

  /** `GET /api/v2`: the active services the caller may use, and every service type (API.md 2.1). */
  @Get()
  @Public()
  @ApiOperation({ summary: 'Services and service types', operationId: 'getIndex' })
  @ApiQuery({ name: 'group', required: false, type: String })
  @ApiQuery({ name: 'type', required: false, type: String })
  @ApiQuery({ name: 'fields', required: false, type: String })
  @ApiOkResponse({ description: 'Index', schema: { type: 'object', properties: { services: { type: 'array', items: { type: 'object' } }, service_types: { type: 'array', items: { type: 'object' } } } } })
  @ApiErrors(400, 401)
  async index(@Req() req: AppRequest, @Query() query: Record<string, unknown>) {
    const params = new RequestParams(query);
    const group = params.string('group')?.trim().toLowerCase() || undefined;
    const type = params.string('type')?.trim().toLowerCase() || undefined;
    const fields = params.list('fields')?.filter((f) => SERVICE_FIELDS.includes(f));
    const typeMatches = (t: { name: string; group: string }) => (!group || t.group.toLowerCase() === group) && (!type || t.name === type);
    const types = SERVICE_TYPES.filter((t) => t.group === 'Database' && typeMatches(t));
    const services = (await this.usable(req.caller)).filter((s) => typeMatches({ name: s.type, group: SERVICE_TYPES.find((t) => t.name === s.type)?.group ?? '' }));
    return {
      services: services.map((s) => {
        const full: Record<string, unknown> = { id: s.id, name: s.name, label: s.label, description: s.description, type: s.type, spec_url: `/api/v2/${s.name}/_spec` };
        return fields && fields.length > 0 ? Object.fromEntries(fields.map((f) => [f, full[f]])) : full;
      }),
      service_types: types.map((t) => ({ name: t.name, label: t.label, group: t.group, description: t.description })),
    };
  }

  /** `GET /api/v2/system`: the system resources (API.md 4). */
  @Get('system')
  @AdminOnly()
  @ApiOperation({ summary: 'System resources', operationId: 'getSystemResources' })
  @ApiOkResponse({ description: 'Resource list', schema: { type: 'object', properties: { resource: { type: 'array', items: { type: 'object' } } } } })
  @ApiErrors(400, 401, 403)
  system(@Query() query: Record<string, unknown>) {
    const params = new RequestParams(query);
    // No role component can name the system service (6.3).
    if (params.bool('as_access_list')) return { resource: [] };
    if (params.bool('as_list')) return { resource: SYSTEM_RESOURCES };
    return { resource: SYSTEM_RESOURCES.map((name) => ({ name })) };
  }

  /** Admins: every active service; others: the active services their role grants anything on (never system). */
  private async usable(caller: Caller): Promise<ServiceEntity[]> {
    const active = [...(await this.registry.all()).values()].filter((s) => s.isActive).sort((a, b) => a.id - b.id);
    if (isAdmin(caller)) return active;
    const role = await this.access.roleOf(caller);
    if (!role?.isActive) return [];
    return active.filter((s) => grantsBelow(role.rules, s.name, s.id, ''));
  }
}
