import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RequestParams } from '../../common/http/params';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import { ConnectionManager } from '../connection/connection-manager';

const LABELS: Record<string, string> = { _schema: 'Schema Table', _table: 'Table', _proc: 'Stored Procedure', _func: 'Stored Function' };

/** `GET /{service}`: the service's resources (API.md 3.1). */
@ApiTags('database')
@Controller(':service')
export class ServiceRootController {
  constructor(private readonly connections: ConnectionManager) {}

  @Get()
  @ApiOperation({ summary: "A database service's resources", operationId: 'getServiceResources' })
  @ApiParam({ name: 'service' })
  @ApiOkResponse({ schema: { type: 'object', properties: { resource: { type: 'array', items: {} } } } })
  @ApiErrors(401, 403, 404, 503)
  async resources(@Param('service') name: string, @Query() query: Record<string, unknown>) {
    const service = await this.connections.get(name);
    const params = new RequestParams(query);
    const names = service.type === 'sqlite' ? ['_schema', '_table'] : ['_schema', '_table', '_proc', '_func'];
    if (params.bool('as_list')) return { resource: names };
    const withLabels = params.list('fields')?.includes('*') ?? false;
    return { resource: names.map((n) => (withLabels ? { name: n, label: LABELS[n] } : { name: n })) };
  }
}
