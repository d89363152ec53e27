import { Controller, Delete, Get, Param, Patch, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppError } from '../../common/errors';
import { sendFormatted } from '../../common/http/formats';
import type { AppRequest } from '../../common/http/request-context';
import type { JsonText } from '../../common/values/json-text';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import { TableService, type TableRequest } from './table.service';

const LIST = { schema: { type: 'object', properties: { resource: { type: 'array', items: { type: 'object', additionalProperties: true } }, meta: { type: 'object', additionalProperties: true } } } } as const;
const RECORD = { schema: { type: 'object', additionalProperties: true } } as const;
const RECORDS_BODY = { schema: { type: 'object', properties: { resource: { type: 'array', items: { type: 'object', additionalProperties: true } } } }, required: false } as const;
const READ_QUERIES = ['fields', 'filter', 'params', 'limit', 'offset', 'order', 'group', 'having', 'ids', 'id_field', 'id_type', 'include_count', 'include_schema', 'count_only', 'as_list', 'related', 'continue', 'refresh'];
const WRITE_QUERIES = ['fields', 'related', 'ids', 'filter', 'params', 'id_field', 'id_type', 'continue', 'rollback'];

function request(req: AppRequest): TableRequest {
  return { caller: req.caller, query: req.query as Record<string, unknown>, body: req.body as unknown, method: req.method };
}

/** Sends what the database printed: JSON text passes through unparsed; XML and CSV are rendered from it. */
function send(res: Response, body: JsonText | number): void {
  sendFormatted(res.req, res, typeof body === 'number' ? String(body) : body);
}

const queries = (names: readonly string[]) => (target: object, key: string, descriptor: PropertyDescriptor) => {
  for (const name of names) ApiQuery({ name, required: false, type: String })(target, key, descriptor);
};

/** `/{service}/_table[/{table}[/{id}]]` (API.md 3.2–3.6). */
@ApiTags('database')
@Controller(':service/_table')
export class TableController {
  constructor(private readonly tables: TableService) {}

  @Get()
  @ApiOperation({ summary: 'List tables and views', operationId: 'listTables' })
  @ApiParam({ name: 'service' })
  @queries(['fields', 'as_list', 'ids', 'refresh'])
  @ApiOkResponse(LIST)
  @ApiErrors(400, 401, 403, 404, 503)
  async list(@Param('service') service: string, @Req() req: AppRequest, @Res() res: Response) {
    send(res, await this.tables.tables(service, request(req)));
  }

  @Get(':table')
  @ApiOperation({ summary: 'Read records (filtered page, ids or body records)', operationId: 'getRecords' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' })
  @queries(READ_QUERIES)
  @ApiOkResponse(LIST)
  @ApiErrors(400, 401, 403, 404, 503, 504)
  async read(@Param('service') service: string, @Param('table') table: string, @Req() req: AppRequest, @Res() res: Response) {
    send(res, await this.tables.read(service, table, request(req)));
  }

  @Get(':table/:id')
  @ApiOperation({ summary: 'Read one record by key', operationId: 'getRecord' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiParam({ name: 'id' })
  @queries(['fields', 'id_field', 'id_type', 'related'])
  @ApiOkResponse(RECORD)
  @ApiErrors(400, 401, 403, 404, 503, 504)
  async readOne(@Param('service') service: string, @Param('table') table: string, @Param('id') id: string, @Req() req: AppRequest, @Res() res: Response) {
    send(res, await this.tables.readById(service, table, id, request(req)));
  }

  @Post(':table')
  @ApiOperation({ summary: 'Create records', operationId: 'createRecords' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' })
  @ApiHeader({ name: 'X-HTTP-Method', required: false, enum: ['GET', 'PUT', 'PATCH', 'DELETE'] })
  @queries(WRITE_QUERIES)
  @ApiBody(RECORDS_BODY)
  @ApiOkResponse(LIST)
  @ApiErrors(400, 401, 403, 404, 409, 413, 503, 504)
  async create(@Param('service') service: string, @Param('table') table: string, @Req() req: AppRequest, @Res() res: Response) {
    send(res, await this.tables.create(service, table, request(req)));
  }

  @Post(':table/:id')
  @ApiOperation({ summary: 'Not supported', operationId: 'createRecordById' })
  @ApiErrors(400)
  createById(): never {
    throw new AppError('REQUEST_VERB_UNSUPPORTED', 'Create record by identifier not currently supported.');
  }

  @Patch(':table')
  @ApiOperation({ summary: 'Update records (by records, ids or filter)', operationId: 'updateRecords' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' })
  @queries(WRITE_QUERIES)
  @ApiBody(RECORDS_BODY)
  @ApiOkResponse(LIST)
  @ApiErrors(400, 401, 403, 404, 409, 413, 503, 504)
  async update(@Param('service') service: string, @Param('table') table: string, @Req() req: AppRequest, @Res() res: Response) {
    send(res, await this.tables.update(service, table, request(req)));
  }

  @Put(':table')
  @ApiOperation({ summary: 'Update records (same as PATCH)', operationId: 'replaceRecords' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' })
  @queries(WRITE_QUERIES)
  @ApiBody(RECORDS_BODY)
  @ApiOkResponse(LIST)
  @ApiErrors(400, 401, 403, 404, 409, 413, 503, 504)
  async replace(@Param('service') service: string, @Param('table') table: string, @Req() req: AppRequest, @Res() res: Response) {
    send(res, await this.tables.update(service, table, request(req)));
  }

  @Patch(':table/:id')
  @ApiOperation({ summary: 'Update one record', operationId: 'updateRecord' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiParam({ name: 'id' })
  @queries(['fields', 'id_field', 'related'])
  @ApiBody(RECORD)
  @ApiOkResponse(RECORD)
  @ApiErrors(400, 401, 403, 404, 409, 503, 504)
  async updateOne(@Param('service') service: string, @Param('table') table: string, @Param('id') id: string, @Req() req: AppRequest, @Res() res: Response) {
    send(res, await this.tables.updateById(service, table, id, request(req)));
  }

  @Put(':table/:id')
  @ApiOperation({ summary: 'Update one record (same as PATCH)', operationId: 'replaceRecord' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiParam({ name: 'id' })
  @queries(['fields', 'id_field', 'related'])
  @ApiBody(RECORD)
  @ApiOkResponse(RECORD)
  @ApiErrors(400, 401, 403, 404, 409, 503, 504)
  async replaceOne(@Param('service') service: string, @Param('table') table: string, @Param('id') id: string, @Req() req: AppRequest, @Res() res: Response) {
    send(res, await this.tables.updateById(service, table, id, request(req)));
  }

  @Delete(':table')
  @ApiOperation({ summary: 'Delete records (by ids, records or filter; force for all)', operationId: 'deleteRecords' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' })
  @queries([...WRITE_QUERIES, 'force'])
  @ApiBody(RECORDS_BODY)
  @ApiOkResponse(LIST)
  @ApiErrors(400, 401, 403, 404, 503, 504)
  async remove(@Param('service') service: string, @Param('table') table: string, @Req() req: AppRequest, @Res() res: Response) {
    send(res, await this.tables.remove(service, table, request(req)));
  }

  @Delete(':table/:id')
  @ApiOperation({ summary: 'Delete one record', operationId: 'deleteRecord' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiParam({ name: 'id' })
  @queries(['fields', 'id_field'])
  @ApiOkResponse(RECORD)
  @ApiErrors(400, 401, 403, 404, 503, 504)
  async removeOne(@Param('service') service: string, @Param('table') table: string, @Param('id') id: string, @Req() req: AppRequest, @Res() res: Response) {
    send(res, await this.tables.removeById(service, table, id, request(req)));
  }
}
