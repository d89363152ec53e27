import { Controller, Delete, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../../auth/decorators/admin-only.decorator';
import { AppError } from '../../common/errors';
import { ConnectionManager } from '../../database/connection/connection-manager';
import { clearFilterCache } from '../../filter';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import { CorsRules } from '../cors/cors-rules.service';
import { AccessCacheSync } from '../role/access-cache-sync';
import { isDatabaseType } from '../service-type/service-types';
import { ServiceRegistry } from '../service/service-registry.service';
import { UserDirectory } from '../user/user-directory.service';

const SUCCESS = { schema: { type: 'object', properties: { success: { type: 'boolean' } } } } as const;

/** `system/cache` (API.md 4.10): which services have caches, and flushing them. */
@ApiTags('system')
@Controller('system/cache')
@AdminOnly()
export class CacheController {
  constructor(
    private readonly registry: ServiceRegistry,
    private readonly connections: ConnectionManager,
    private readonly access: AccessCacheSync,
    private readonly users: UserDirectory,
    private readonly cors: CorsRules,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Services with caches', operationId: 'getCaches' })
  @ApiOkResponse({ schema: { type: 'object', properties: { resource: { type: 'array', items: { type: 'object', additionalProperties: true } } } } })
  @ApiErrors(401, 403)
  async list() {
    const services = [...(await this.registry.all()).values()].filter((s) => isDatabaseType(s.type)).sort((a, b) => a.id - b.id);
    return { resource: services.map((s) => ({ name: s.name, label: s.label, description: s.description, type: s.type })) };
  }

  /** Every cache: schema and record caches (with their pools), roles, apps, users, lookups, CORS rules. */
  @Delete()
  @ApiOperation({ summary: 'Flush every cache', operationId: 'deleteAllCaches' })
  @ApiOkResponse(SUCCESS)
  @ApiErrors(401, 403)
  async flushAll() {
    for (const service of (await this.registry.all()).values()) if (isDatabaseType(service.type)) await this.connections.reset(service.id);
    this.registry.changed();
    this.access.flush();
    this.users.invalidate();
    this.cors.invalidate();
    clearFilterCache();
    return { success: true };
  }

  /** One service's schema and record caches; unknown → 404 SERVICE_NOT_FOUND. */
  @Delete(':service')
  @ApiOperation({ summary: "Flush one service's caches", operationId: 'deleteServiceCache' })
  @ApiParam({ name: 'service' })
  @ApiOkResponse(SUCCESS)
  @ApiErrors(401, 403, 404)
  async flush(@Param('service') name: string) {
    const service = await this.registry.findByName(name);
    if (!service) throw new AppError('SERVICE_NOT_FOUND', `Could not find a service for ${name.slice(0, 64)}`);
    if (isDatabaseType(service.type)) await this.connections.reset(service.id);
    return { success: true };
  }
}
