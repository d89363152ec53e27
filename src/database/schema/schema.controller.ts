import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AppRequest } from '../../common/http/request-context';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import { SchemaReader } from './schema-reader.service';
import { SchemaWriter } from './schema-writer.service';

type Query = Record<string, unknown>;

export const LIST = { schema: { type: 'object', properties: { resource: { type: 'array', items: { type: 'object' } } } } } as const;
export const ITEM = { schema: { type: 'object' } } as const;
export const RECORDS_BODY = { schema: { type: 'object', properties: { resource: { type: 'array', items: { type: 'object' } } } } } as const;

/** `/{service}/_schema` and `/{service}/_schema/{table}` (API.md 3.13). */
@ApiTags('database')
@Controller(':service')
export class SchemaController {
  constructor(
    private readonly reader: SchemaReader,
    private readonly writer: SchemaWriter,
  ) {}

  @Get('_schema')
  @ApiOperation({ summary: 'List tables (names, labels, or descriptors with fields=* or ids)', operationId: 'listSchema' })
  @ApiParam({ name: 'service' })
  @ApiOkResponse(LIST)
  @ApiErrors(400, 401, 403, 404, 503)
  list(@Param('service') service: string, @Query() query: Query, @Body() body: unknown, @Req() req: AppRequest) {
    return this.reader.list(service, query, body, req.caller);
  }

  @Post('_schema')
  @HttpCode(200)
  @ApiOperation({ summary: 'Create tables (an existing one is merged into unless check_exist=true)', operationId: 'createSchema' })
  @ApiParam({ name: 'service' }) @ApiBody(RECORDS_BODY)
  @ApiOkResponse(LIST)
  @ApiErrors(400, 401, 403, 404, 409, 413, 503)
  create(@Param('service') service: string, @Query() query: Query, @Body() body: unknown) {
    return this.writer.writeTables(service, 'POST', query, body);
  }

  @Put('_schema')
  @ApiOperation({ summary: 'Create or replace tables (fields not listed are dropped)', operationId: 'replaceSchema' })
  @ApiParam({ name: 'service' }) @ApiBody(RECORDS_BODY)
  @ApiOkResponse(LIST)
  @ApiErrors(400, 401, 403, 404, 409, 413, 503)
  replace(@Param('service') service: string, @Query() query: Query, @Body() body: unknown) {
    return this.writer.writeTables(service, 'PUT', query, body);
  }

  @Patch('_schema')
  @ApiOperation({ summary: 'Create or merge into tables', operationId: 'updateSchema' })
  @ApiParam({ name: 'service' }) @ApiBody(RECORDS_BODY)
  @ApiOkResponse(LIST)
  @ApiErrors(400, 401, 403, 404, 409, 413, 503)
  update(@Param('service') service: string, @Query() query: Query, @Body() body: unknown) {
    return this.writer.writeTables(service, 'PATCH', query, body);
  }

  @Delete('_schema')
  @ApiOperation({ summary: 'Drop tables given by ids or body records', operationId: 'dropSchema' })
  @ApiParam({ name: 'service' })
  @ApiOkResponse(LIST)
  @ApiErrors(400, 401, 403, 404, 409, 503)
  dropMany(@Param('service') service: string, @Query() query: Query, @Body() body: unknown) {
    return this.writer.dropTables(service, query, body);
  }

  @Get('_schema/:table')
  @ApiOperation({ summary: 'Describe a table', operationId: 'describeTable' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' })
  @ApiOkResponse(ITEM)
  @ApiErrors(400, 401, 403, 404, 503)
  describe(@Param('service') service: string, @Param('table') table: string, @Query() query: Query, @Req() req: AppRequest) {
    return this.reader.describe(service, table, query, req.caller);
  }

  @Post('_schema/:table')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge into an existing table', operationId: 'mergeTable' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiBody(ITEM)
  @ApiOkResponse(ITEM)
  @ApiErrors(400, 401, 403, 404, 409, 503)
  merge(@Param('service') service: string, @Param('table') table: string, @Query() query: Query, @Body() body: unknown) {
    return this.writer.writeTable(service, table, 'POST', query, body);
  }

  @Put('_schema/:table')
  @ApiOperation({ summary: 'Create or replace a table (fields not listed are dropped)', operationId: 'replaceTable' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiBody(ITEM)
  @ApiOkResponse(ITEM)
  @ApiErrors(400, 401, 403, 404, 409, 503)
  replaceTable(@Param('service') service: string, @Param('table') table: string, @Query() query: Query, @Body() body: unknown) {
    return this.writer.writeTable(service, table, 'PUT', query, body);
  }

  @Patch('_schema/:table')
  @ApiOperation({ summary: 'Create or merge into a table', operationId: 'updateTable' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiBody(ITEM)
  @ApiOkResponse(ITEM)
  @ApiErrors(400, 401, 403, 404, 409, 503)
  updateTable(@Param('service') service: string, @Param('table') table: string, @Query() query: Query, @Body() body: unknown) {
    return this.writer.writeTable(service, table, 'PATCH', query, body);
  }

  @Delete('_schema/:table')
  @ApiOperation({ summary: 'Drop a table', operationId: 'dropTable' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' })
  @ApiOkResponse(ITEM)
  @ApiErrors(401, 403, 404, 409, 503)
  drop(@Param('service') service: string, @Param('table') table: string) {
    return this.writer.dropTable(service, table);
  }
}
