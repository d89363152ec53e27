import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import { FieldWriter } from './field-writer.service';
import { ITEM, LIST, RECORDS_BODY } from './schema.controller';
import { SchemaReader } from './schema-reader.service';

type Query = Record<string, unknown>;

/**
 * `/{service}/_schema/{table}/_field[/{field}]` and its alias `/_schema/{table}/{field}` (API.md
 * 3.13). The `_field` routes are declared first so the literal wins over the alias.
 */
@ApiTags('database')
@Controller(':service/_schema/:table')
export class FieldController {
  constructor(
    private readonly reader: SchemaReader,
    private readonly writer: FieldWriter,
  ) {}

  @Get('_field')
  @ApiOperation({ summary: "A table's fields (ids=a,b to narrow)", operationId: 'listFields' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' })
  @ApiOkResponse(LIST)
  @ApiErrors(400, 401, 403, 404, 503)
  list(@Param('service') service: string, @Param('table') table: string, @Query() query: Query, @Body() body: unknown) {
    return this.reader.fields(service, table, query, body);
  }

  @Post('_field')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add or alter fields', operationId: 'createFields' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiBody(RECORDS_BODY)
  @ApiOkResponse(LIST)
  @ApiErrors(400, 401, 403, 404, 409, 413, 503)
  create(@Param('service') service: string, @Param('table') table: string, @Query() query: Query, @Body() body: unknown) {
    return this.writer.writeFields(service, table, 'POST', query, body);
  }

  @Put('_field')
  @ApiOperation({ summary: 'Add or alter fields', operationId: 'replaceFields' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiBody(RECORDS_BODY)
  @ApiOkResponse(LIST)
  @ApiErrors(400, 401, 403, 404, 409, 413, 503)
  replace(@Param('service') service: string, @Param('table') table: string, @Query() query: Query, @Body() body: unknown) {
    return this.writer.writeFields(service, table, 'PUT', query, body);
  }

  @Patch('_field')
  @ApiOperation({ summary: 'Add or alter fields', operationId: 'updateFields' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiBody(RECORDS_BODY)
  @ApiOkResponse(LIST)
  @ApiErrors(400, 401, 403, 404, 409, 413, 503)
  update(@Param('service') service: string, @Param('table') table: string, @Query() query: Query, @Body() body: unknown) {
    return this.writer.writeFields(service, table, 'PATCH', query, body);
  }

  @Delete('_field')
  @ApiOperation({ summary: 'Drop fields given by ids or body records', operationId: 'dropFields' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' })
  @ApiOkResponse(LIST)
  @ApiErrors(400, 401, 403, 404, 409, 503)
  dropMany(@Param('service') service: string, @Param('table') table: string, @Query() query: Query, @Body() body: unknown) {
    return this.writer.dropFields(service, table, query, body);
  }

  @Get('_field/:field')
  @ApiOperation({ summary: 'Describe a field', operationId: 'describeField' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiParam({ name: 'field' })
  @ApiOkResponse(ITEM)
  @ApiErrors(401, 403, 404, 503)
  describe(@Param('service') service: string, @Param('table') table: string, @Param('field') field: string) {
    return this.reader.field(service, table, field);
  }

  @Post('_field/:field')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add or alter a field', operationId: 'createField' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiParam({ name: 'field' }) @ApiBody(ITEM)
  @ApiOkResponse(ITEM)
  @ApiErrors(400, 401, 403, 404, 409, 503)
  createOne(@Param('service') service: string, @Param('table') table: string, @Param('field') field: string, @Query() query: Query, @Body() body: unknown) {
    return this.writer.writeField(service, table, field, query, body);
  }

  @Put('_field/:field')
  @ApiOperation({ summary: 'Add or alter a field', operationId: 'replaceField' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiParam({ name: 'field' }) @ApiBody(ITEM)
  @ApiOkResponse(ITEM)
  @ApiErrors(400, 401, 403, 404, 409, 503)
  replaceOne(@Param('service') service: string, @Param('table') table: string, @Param('field') field: string, @Query() query: Query, @Body() body: unknown) {
    return this.writer.writeField(service, table, field, query, body);
  }

  @Patch('_field/:field')
  @ApiOperation({ summary: 'Add or alter a field', operationId: 'updateField' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiParam({ name: 'field' }) @ApiBody(ITEM)
  @ApiOkResponse(ITEM)
  @ApiErrors(400, 401, 403, 404, 409, 503)
  updateOne(@Param('service') service: string, @Param('table') table: string, @Param('field') field: string, @Query() query: Query, @Body() body: unknown) {
    return this.writer.writeField(service, table, field, query, body);
  }

  @Delete('_field/:field')
  @ApiOperation({ summary: 'Drop a field', operationId: 'dropField' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiParam({ name: 'field' })
  @ApiOkResponse(ITEM)
  @ApiErrors(401, 403, 404, 409, 503)
  dropOne(@Param('service') service: string, @Param('table') table: string, @Param('field') field: string) {
    return this.writer.dropField(service, table, field);
  }

  // Aliases: /_schema/{table}/{field}, after every literal route above.

  @Get(':field')
  @ApiOperation({ summary: 'Describe a field (alias of _field/{field})', operationId: 'describeFieldAlias' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiParam({ name: 'field' })
  @ApiOkResponse(ITEM)
  @ApiErrors(401, 403, 404, 503)
  describeAlias(@Param('service') service: string, @Param('table') table: string, @Param('field') field: string) {
    return this.reader.field(service, table, field);
  }

  @Post(':field')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add or alter a field (alias of _field/{field})', operationId: 'createFieldAlias' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiParam({ name: 'field' }) @ApiBody(ITEM)
  @ApiOkResponse(ITEM)
  @ApiErrors(400, 401, 403, 404, 409, 503)
  createAlias(@Param('service') service: string, @Param('table') table: string, @Param('field') field: string, @Query() query: Query, @Body() body: unknown) {
    return this.writer.writeField(service, table, field, query, body);
  }

  @Put(':field')
  @ApiOperation({ summary: 'Add or alter a field (alias of _field/{field})', operationId: 'replaceFieldAlias' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiParam({ name: 'field' }) @ApiBody(ITEM)
  @ApiOkResponse(ITEM)
  @ApiErrors(400, 401, 403, 404, 409, 503)
  replaceAlias(@Param('service') service: string, @Param('table') table: string, @Param('field') field: string, @Query() query: Query, @Body() body: unknown) {
    return this.writer.writeField(service, table, field, query, body);
  }

  @Patch(':field')
  @ApiOperation({ summary: 'Add or alter a field (alias of _field/{field})', operationId: 'updateFieldAlias' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiParam({ name: 'field' }) @ApiBody(ITEM)
  @ApiOkResponse(ITEM)
  @ApiErrors(400, 401, 403, 404, 409, 503)
  updateAlias(@Param('service') service: string, @Param('table') table: string, @Param('field') field: string, @Query() query: Query, @Body() body: unknown) {
    return this.writer.writeField(service, table, field, query, body);
  }

  @Delete(':field')
  @ApiOperation({ summary: 'Drop a field (alias of _field/{field})', operationId: 'dropFieldAlias' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiParam({ name: 'field' })
  @ApiOkResponse(ITEM)
  @ApiErrors(401, 403, 404, 409, 503)
  dropAlias(@Param('service') service: string, @Param('table') table: string, @Param('field') field: string) {
    return this.writer.dropField(service, table, field);
  }
}
