import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AccessService } from '../../auth/access/access.service';
import { RequestParams } from '../../common/http/params';
import type { AppRequest, Caller } from '../../common/http/request-context';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import { DataPlane } from '../data-plane.service';
import { RoutineService } from '../procedure/routine.service';
import { listRoutineNames } from '../routines';

const LABELS: Record<string, string> = { _schema: 'Schema Table', _table: 'Table', _proc: 'Stored Procedure', _func: 'Stored Function' };

/** `GET /{service}`: the service's resources the caller may use (API.md 3.1). */
@ApiTags('database')
@Controller(':service')
export class ServiceRootController {
  constructor(
    private readonly plane: DataPlane,
    private readonly routines: RoutineService,
    private readonly access: AccessService,
  ) {}

  @Get()
  @ApiOperation({ summary: "A database service's resources", operationId: 'getServiceResources' })
  @ApiParam({ name: 'service' })
  @ApiQuery({ name: 'as_list', required: false, type: String })
  @ApiQuery({ name: 'as_access_list', required: false, type: String })
  @ApiQuery({ name: 'fields', required: false, type: String })
  @ApiOkResponse({ schema: { type: 'object', properties: { resource: { type: 'array', items: {} } } } })
  @ApiErrors(400, 401, 403, 404, 503)
  async resources(@Param('service') name: string, @Query() query: Record<string, unknown>, @Req() req: AppRequest) {
    const context = await this.plane.context(name);
    const params = new RequestParams(query);
    const all = context.service.type === 'sqlite' ? ['_schema', '_table'] : ['_schema', '_table', '_proc', '_func'];
    const allowed = await Promise.all(all.map((resource) => this.access.allows(req.caller, name, resource, 'GET')));
    const names = all.filter((_, i) => allowed[i]);
    if (params.bool('as_access_list')) return { resource: await this.accessList(req.caller, name, names) };
    if (params.bool('as_list')) return { resource: names };
    const withLabels = params.list('fields')?.includes('*') ?? false;
    return { resource: names.map((n) => (withLabels ? { name: n, label: LABELS[n] } : { name: n })) };
  }

  /**
   * The components a role editor can offer for this service (3.1): `""`, `*`, and per resource
   * (already limited to those the caller may list) `x/`, `x/*` and its items, tables also as
   * `_table/{t}/*`; items only when the caller may use them with some verb.
   */
  private async accessList(caller: Caller, serviceName: string, resources: readonly string[]): Promise<string[]> {
    const context = await this.plane.context(serviceName);
    const tables = (await context.schema.tables()).map((t) => t.name).sort((a, b) => a.localeCompare(b));
    const catalog = resources.includes('_proc') || resources.includes('_func') ? await this.routines.catalog(context.service, false) : undefined;
    const out: string[] = [];
    for (const resource of resources) {
      const names = resource === '_proc' || resource === '_func' ? listRoutineNames(catalog!, resource === '_proc' ? 'procedure' : 'function') : tables;
      const visible = await this.access.visible(caller, serviceName, names.map((item) => `${resource}/${item}`));
      out.push(`${resource}/`, `${resource}/*`);
      for (const [i, item] of names.entries()) {
        if (!visible[i]) continue;
        out.push(`${resource}/${item}`);
        if (resource === '_table') out.push(`_table/${item}/*`);
      }
    }
    return out.length > 0 ? ['', '*', ...out] : [];
  }
}
