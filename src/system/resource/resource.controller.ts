import { Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Req, type Type } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags, ApiCreatedResponse } from '@nestjs/swagger';
import { AdminOnly } from '../../auth/decorators/admin-only.decorator';
import { AppError } from '../../common/errors';
import type { AppRequest } from '../../common/http/request-context';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import type { ResourceDefinition } from './resource-definition';
import { SystemResourceService, type ResourceRequest } from './system-resource.service';

const LIST_SCHEMA = { type: 'object', properties: { resource: { type: 'array', items: { type: 'object', additionalProperties: true } }, meta: { type: 'object', additionalProperties: true } } } as const;
const RECORD_SCHEMA = { type: 'object', additionalProperties: true } as const;
const RECORDS_BODY = { schema: { type: 'object', properties: { resource: { type: 'array', items: { type: 'object', additionalProperties: true } } } } } as const;

const listQueries = ['fields', 'related', 'ids', 'filter', 'params', 'limit', 'offset', 'order', 'include_count', 'count_only', 'as_list', 'continue', 'rollback'];

/**
 * A controller for one system resource (admin-only), every verb delegating to the shared
 * SystemResourceService: `/system/{name}` and `/system/{name}/{id}`.
 */
export function resourceController(path: string, definitionToken: Type<{ definition: ResourceDefinition<{ id: number }> }>, operationName: string): Type<unknown> {
  const cap = operationName;
  @ApiTags('system')
  @Controller(`system/${path}`)
  @AdminOnly()
  class ResourceController {
    constructor(
      readonly resources: SystemResourceService,
      readonly holder: { definition: ResourceDefinition<{ id: number }> },
    ) {}

    @Get()
    @ApiOperation({ summary: `List ${path} records`, operationId: `get${cap}s` })
    @ApiOkResponse({ schema: LIST_SCHEMA })
    @ApiErrors(400, 401, 403)
    list(@Req() req: AppRequest) {
      return this.resources.list(this.holder.definition, request(req));
    }

    @Get(':id')
    @ApiOperation({ summary: `Read one ${path} record`, operationId: `get${cap}` })
    @ApiParam({ name: 'id', type: Number })
    @ApiOkResponse({ schema: RECORD_SCHEMA })
    @ApiErrors(400, 401, 403, 404)
    get(@Param('id') id: string, @Req() req: AppRequest) {
      return this.resources.get(this.holder.definition, id, request(req));
    }

    @Post()
    @HttpCode(201)
    @ApiOperation({ summary: `Create ${path} records`, operationId: `create${cap}s` })
    @ApiBody(RECORDS_BODY)
    @ApiCreatedResponse({ schema: LIST_SCHEMA })
    @ApiErrors(400, 401, 403, 409)
    create(@Req() req: AppRequest) {
      return this.resources.create(this.holder.definition, request(req));
    }

    @Post(':id')
    @ApiOperation({ summary: 'Not supported', operationId: `create${cap}ById` })
    @ApiErrors(400)
    createById(): never {
      throw new AppError('REQUEST_VERB_UNSUPPORTED', 'Create record by identifier not currently supported.');
    }

    @Patch()
    @ApiOperation({ summary: `Update ${path} records`, operationId: `update${cap}s` })
    @ApiBody(RECORDS_BODY)
    @ApiOkResponse({ schema: LIST_SCHEMA })
    @ApiErrors(400, 401, 403, 404, 409)
    updateMany(@Req() req: AppRequest) {
      return this.resources.updateMany(this.holder.definition, request(req));
    }

    @Put()
    @ApiOperation({ summary: `Update ${path} records (same as PATCH)`, operationId: `replace${cap}s` })
    @ApiBody(RECORDS_BODY)
    @ApiOkResponse({ schema: LIST_SCHEMA })
    @ApiErrors(400, 401, 403, 404, 409)
    replaceMany(@Req() req: AppRequest) {
      return this.resources.updateMany(this.holder.definition, request(req));
    }

    @Patch(':id')
    @ApiOperation({ summary: `Update one ${path} record`, operationId: `update${cap}` })
    @ApiParam({ name: 'id', type: Number })
    @ApiBody({ schema: RECORD_SCHEMA })
    @ApiOkResponse({ schema: RECORD_SCHEMA })
    @ApiErrors(400, 401, 403, 404, 409)
    update(@Param('id') id: string, @Req() req: AppRequest) {
      return this.resources.update(this.holder.definition, id, request(req));
    }

    @Put(':id')
    @ApiOperation({ summary: `Update one ${path} record (same as PATCH)`, operationId: `replace${cap}` })
    @ApiParam({ name: 'id', type: Number })
    @ApiBody({ schema: RECORD_SCHEMA })
    @ApiOkResponse({ schema: RECORD_SCHEMA })
    @ApiErrors(400, 401, 403, 404, 409)
    replace(@Param('id') id: string, @Req() req: AppRequest) {
      return this.resources.update(this.holder.definition, id, request(req));
    }

    @Delete()
    @ApiOperation({ summary: `Delete ${path} records`, operationId: `delete${cap}s` })
    @ApiOkResponse({ schema: LIST_SCHEMA })
    @ApiErrors(400, 401, 403, 404)
    removeMany(@Req() req: AppRequest) {
      return this.resources.removeMany(this.holder.definition, request(req));
    }

    @Delete(':id')
    @ApiOperation({ summary: `Delete one ${path} record`, operationId: `delete${cap}` })
    @ApiParam({ name: 'id', type: Number })
    @ApiOkResponse({ schema: RECORD_SCHEMA })
    @ApiErrors(400, 401, 403, 404)
    remove(@Param('id') id: string, @Req() req: AppRequest) {
      return this.resources.remove(this.holder.definition, id, request(req));
    }
  }
  for (const method of ['list'] as const) {
    for (const name of listQueries) ApiQuery({ name, required: false, type: String })(ResourceController.prototype, method, Object.getOwnPropertyDescriptor(ResourceController.prototype, method)!);
  }
  Reflect.defineMetadata('design:paramtypes', [SystemResourceService, definitionToken], ResourceController);
  Object.defineProperty(ResourceController, 'name', { value: `${cap}Controller` });
  return ResourceController;
}

function request(req: AppRequest): ResourceRequest {
  return { caller: req.caller, query: req.query as Record<string, unknown>, body: req.body as unknown };
}
