import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AppError } from '../../common/errors';
import type { AppRequest } from '../../common/http/request-context';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import type { RoutineKind } from '../routines';
import { RoutineService } from './routine.service';

const ANY = { description: 'Routine result: rows, a scalar, or OUT values', schema: {} } as const;
const LIST = { schema: { type: 'object', properties: { resource: { type: 'array', items: {} } } } } as const;

function unsupported(verb: string, resource: string, name: string, service: string): never {
  throw new AppError('REQUEST_VERB_UNSUPPORTED', `${verb} requests for resource '${resource}/${name}' are not currently supported by the '${service}' service.`);
}

/** `/{service}/_proc` and `/{service}/_func`: list, describe (`ids`), call with GET or POST. */
@ApiTags('database')
@Controller(':service')
export class RoutineController {
  constructor(private readonly routines: RoutineService) {}

  @Get('_proc')
  @ApiOperation({ summary: 'List stored procedures', operationId: 'listProcedures' })
  @ApiParam({ name: 'service' })
  @ApiOkResponse(LIST)
  @ApiErrors(400, 401, 403, 404)
  listProcedures(@Param('service') service: string, @Query() query: Record<string, unknown>, @Req() req: AppRequest) {
    return this.routines.list(service, 'procedure', query, req.caller);
  }

  @Get('_func')
  @ApiOperation({ summary: 'List stored functions', operationId: 'listFunctions' })
  @ApiParam({ name: 'service' })
  @ApiOkResponse(LIST)
  @ApiErrors(400, 401, 403, 404)
  listFunctions(@Param('service') service: string, @Query() query: Record<string, unknown>, @Req() req: AppRequest) {
    return this.routines.list(service, 'function', query, req.caller);
  }

  @Get('_proc/:name')
  @ApiOperation({ summary: 'Call a stored procedure with IN parameters from the query', operationId: 'callProcedureGet' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'name' })
  @ApiOkResponse(ANY)
  @ApiErrors(400, 401, 403, 404, 504)
  getProcedure(@Param('service') service: string, @Param('name') name: string, @Query() query: Record<string, unknown>) {
    return this.routines.call(service, 'procedure', name, query, undefined);
  }

  @Post('_proc/:name')
  @HttpCode(200)
  @ApiOperation({ summary: 'Call a stored procedure', operationId: 'callProcedure' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'name' })
  @ApiBody({ schema: { type: 'object', properties: { params: {}, returns: { type: 'string' }, wrapper: { type: 'string' }, schema: { type: 'object' } } }, required: false })
  @ApiOkResponse(ANY)
  @ApiErrors(400, 401, 403, 404, 504)
  postProcedure(@Param('service') service: string, @Param('name') name: string, @Query() query: Record<string, unknown>, @Body() body: unknown) {
    return this.routines.call(service, 'procedure', name, query, body);
  }

  @Get('_func/:name')
  @ApiOperation({ summary: 'Call a stored function with IN parameters from the query', operationId: 'callFunctionGet' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'name' })
  @ApiOkResponse(ANY)
  @ApiErrors(400, 401, 403, 404, 504)
  getFunction(@Param('service') service: string, @Param('name') name: string, @Query() query: Record<string, unknown>) {
    return this.routines.call(service, 'function', name, query, undefined);
  }

  @Post('_func/:name')
  @HttpCode(200)
  @ApiOperation({ summary: 'Call a stored function', operationId: 'callFunction' })
  @ApiParam({ name: 'service' }) @ApiParam({ name: 'name' })
  @ApiBody({ schema: { type: 'object', properties: { params: {}, returns: { type: 'string' }, schema: { type: 'object' } } }, required: false })
  @ApiOkResponse(ANY)
  @ApiErrors(400, 401, 403, 404, 504)
  postFunction(@Param('service') service: string, @Param('name') name: string, @Query() query: Record<string, unknown>, @Body() body: unknown) {
    return this.routines.call(service, 'function', name, query, body);
  }

  @Put('_proc/:name')
  @ApiOperation({ summary: 'Not supported', operationId: 'putProcedure' })
  @ApiErrors(400)
  putProcedure(@Param('service') service: string, @Param('name') name: string): never {
    return unsupported('PUT', '_proc', name, service);
  }

  @Patch('_proc/:name')
  @ApiOperation({ summary: 'Not supported', operationId: 'patchProcedure' })
  @ApiErrors(400)
  patchProcedure(@Param('service') service: string, @Param('name') name: string): never {
    return unsupported('PATCH', '_proc', name, service);
  }

  @Delete('_proc/:name')
  @ApiOperation({ summary: 'Not supported', operationId: 'deleteProcedure' })
  @ApiErrors(400)
  deleteProcedure(@Param('service') service: string, @Param('name') name: string): never {
    return unsupported('DELETE', '_proc', name, service);
  }

  @Put('_func/:name')
  @ApiOperation({ summary: 'Not supported', operationId: 'putFunction' })
  @ApiErrors(400)
  putFunction(@Param('service') service: string, @Param('name') name: string): never {
    return unsupported('PUT', '_func', name, service);
  }

  @Patch('_func/:name')
  @ApiOperation({ summary: 'Not supported', operationId: 'patchFunction' })
  @ApiErrors(400)
  patchFunction(@Param('service') service: string, @Param('name') name: string): never {
    return unsupported('PATCH', '_func', name, service);
  }

  @Delete('_func/:name')
  @ApiOperation({ summary: 'Not supported', operationId: 'deleteFunction' })
  @ApiErrors(400)
  deleteFunction(@Param('service') service: string, @Param('name') name: string): never {
    return unsupported('DELETE', '_func', name, service);
  }
}

export type { RoutineKind };
