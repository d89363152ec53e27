import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import { RelatedWriter } from './related-writer.service';
import { ITEM, LIST, RECORDS_BODY } from './schema.controller';
import { SchemaReader } from './schema-reader.service';

type Query = Record<string, unknown>;

/**
 * `/{service}/_schema/{table}/_related[/{relation}]` (API.md 3.13): relationships, their extras
 * and virtual relationships. Registered before the field controller, whose `/_schema/{t}/{f}`
 * alias would otherwise take `_related`.
 */
@ApiTags('database')
@Controller(':service/_schema/:table/_related')
export class RelatedController {
  constructor(
    private readonly reader: SchemaReader,
    private readonly writer: RelatedWriter,
  ) {}

  @Get()
  @ApiOperation({ summary: "A table's relationships (ids=a,b to narrow)", operationId: 'listRelationships' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' })
  @ApiOkResponse(LIST)
  @ApiErrors(400, 401, 403, 404, 503)
  list(@Param('service') service: string, @Param('table') table: string, @Query() query: Query, @Body() body: unknown) {
    return this.reader.related(service, table, query, body);
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Set relationship extras or create virtual relationships', operationId: 'createRelationships' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiBody(RECORDS_BODY)
  @ApiOkResponse(LIST)
  @ApiErrors(400, 401, 403, 404, 413, 503)
  create(@Param('service') service: string, @Param('table') table: string, @Query() query: Query, @Body() body: unknown) {
    return this.writer.writeMany(service, table, 'POST', query, body);
  }

  @Put()
  @ApiOperation({ summary: 'Set relationship extras or change virtual relationships', operationId: 'replaceRelationships' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiBody(RECORDS_BODY)
  @ApiOkResponse(LIST)
  @ApiErrors(400, 401, 403, 404, 413, 503)
  replace(@Param('service') service: string, @Param('table') table: string, @Query() query: Query, @Body() body: unknown) {
    return this.writer.writeMany(service, table, 'PUT', query, body);
  }

  @Patch()
  @ApiOperation({ summary: 'Set relationship extras or change virtual relationships', operationId: 'updateRelationships' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiBody(RECORDS_BODY)
  @ApiOkResponse(LIST)
  @ApiErrors(400, 401, 403, 404, 413, 503)
  update(@Param('service') service: string, @Param('table') table: string, @Query() query: Query, @Body() body: unknown) {
    return this.writer.writeMany(service, table, 'PATCH', query, body);
  }

  @Delete()
  @ApiOperation({ summary: 'Remove virtual relationships or clear extras (ids or body records)', operationId: 'deleteRelationships' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' })
  @ApiOkResponse(LIST)
  @ApiErrors(400, 401, 403, 404, 503)
  removeMany(@Param('service') service: string, @Param('table') table: string, @Query() query: Query, @Body() body: unknown) {
    return this.writer.dropMany(service, table, query, body);
  }

  @Get(':relation')
  @ApiOperation({ summary: 'Describe a relationship', operationId: 'describeRelationship' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiParam({ name: 'relation' })
  @ApiOkResponse(ITEM)
  @ApiErrors(401, 403, 404, 503)
  describe(@Param('service') service: string, @Param('table') table: string, @Param('relation') relation: string) {
    return this.reader.relation(service, table, relation);
  }

  @Post(':relation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set the extras of a relationship, or create or change a virtual one', operationId: 'createRelationship' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiParam({ name: 'relation' }) @ApiBody(ITEM)
  @ApiOkResponse(ITEM)
  @ApiErrors(400, 401, 403, 404, 503)
  createOne(@Param('service') service: string, @Param('table') table: string, @Param('relation') relation: string, @Body() body: unknown) {
    return this.writer.writeOne(service, table, relation, body);
  }

  @Put(':relation')
  @ApiOperation({ summary: 'Set the extras of a relationship, or change a virtual one', operationId: 'replaceRelationship' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiParam({ name: 'relation' }) @ApiBody(ITEM)
  @ApiOkResponse(ITEM)
  @ApiErrors(400, 401, 403, 404, 503)
  replaceOne(@Param('service') service: string, @Param('table') table: string, @Param('relation') relation: string, @Body() body: unknown) {
    return this.writer.writeOne(service, table, relation, body);
  }

  @Patch(':relation')
  @ApiOperation({ summary: 'Set the extras of a relationship, or change a virtual one', operationId: 'updateRelationship' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiParam({ name: 'relation' }) @ApiBody(ITEM)
  @ApiOkResponse(ITEM)
  @ApiErrors(400, 401, 403, 404, 503)
  updateOne(@Param('service') service: string, @Param('table') table: string, @Param('relation') relation: string, @Body() body: unknown) {
    return this.writer.writeOne(service, table, relation, body);
  }

  @Delete(':relation')
  @ApiOperation({ summary: 'Remove a virtual relationship, or clear the extras of a discovered one', operationId: 'deleteRelationship' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'table' }) @ApiParam({ name: 'relation' })
  @ApiOkResponse(ITEM)
  @ApiErrors(401, 403, 404, 503)
  remove(@Param('service') service: string, @Param('table') table: string, @Param('relation') relation: string) {
    return this.writer.dropOne(service, table, relation);
  }
}
