import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Req, type Type } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators/public.decorator';
import { bodyObject, clientAddress } from '../auth/session/session.controller';
import { AppError } from '../common/errors';
import { RequestParams } from '../common/http/params';
import type { AppRequest } from '../common/http/request-context';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { PasswordFlowService } from './password-flow.service';
import { PasswordRequestDto, PasswordResultDto } from './user-api.dto';

/** `/user/password` and `/system/admin/password` (API.md 5.4): POST, PUT and PATCH are the same. */
export function passwordController(kind: 'user' | 'admin'): Type<unknown> {
  const path = kind === 'admin' ? 'system/admin/password' : 'user/password';
  const name = kind === 'admin' ? 'Admin' : 'User';
  const service = kind === 'admin' ? 'system' : 'user';
  const resource = kind === 'admin' ? 'admin/password' : 'password';
  const unsupported = (verb: string) => new AppError('REQUEST_VERB_UNSUPPORTED', `${verb} requests for resource '${resource}' are not currently supported by the '${service}' service.`);

  @ApiTags(service)
  @Controller(path)
  @Public()
  class PasswordController {
    constructor(readonly flows: PasswordFlowService) {}

    @Post()
    @HttpCode(200)
    @ApiOperation({ summary: 'Change, reset or complete a password (also PUT and PATCH)', operationId: `change${name}Password` })
    @ApiBody({ type: PasswordRequestDto })
    @ApiQuery({ name: 'reset', required: false, type: Boolean })
    @ApiQuery({ name: 'login', required: false, type: Boolean })
    @ApiOkResponse({ type: PasswordResultDto })
    @ApiErrors(400, 401, 429)
    post(@Body() body: unknown, @Req() req: AppRequest) {
      const params = new RequestParams(req.query as Record<string, unknown>);
      return this.flows.handle(bodyObject(body), { reset: params.bool('reset'), login: params.bool('login'), caller: req.caller, address: clientAddress(req) });
    }

    @Put()
    @ApiOperation({ summary: 'Same as POST', operationId: `replace${name}Password` })
    @ApiBody({ type: PasswordRequestDto })
    @ApiQuery({ name: 'reset', required: false, type: Boolean })
    @ApiQuery({ name: 'login', required: false, type: Boolean })
    @ApiOkResponse({ type: PasswordResultDto })
    @ApiErrors(400, 401, 429)
    put(@Body() body: unknown, @Req() req: AppRequest) {
      return this.post(body, req);
    }

    @Patch()
    @ApiOperation({ summary: 'Same as POST', operationId: `update${name}Password` })
    @ApiBody({ type: PasswordRequestDto })
    @ApiQuery({ name: 'reset', required: false, type: Boolean })
    @ApiQuery({ name: 'login', required: false, type: Boolean })
    @ApiOkResponse({ type: PasswordResultDto })
    @ApiErrors(400, 401, 429)
    patch(@Body() body: unknown, @Req() req: AppRequest) {
      return this.post(body, req);
    }

    @Get()
    @ApiOperation({ summary: 'Not supported', operationId: `get${name}Password` })
    @ApiErrors(400)
    get(): never {
      throw unsupported('GET');
    }

    @Delete()
    @ApiOperation({ summary: 'Not supported', operationId: `delete${name}Password` })
    @ApiErrors(400)
    remove(): never {
      throw unsupported('DELETE');
    }
  }
  Object.defineProperty(PasswordController, 'name', { value: `${name}PasswordController` });
  return PasswordController;
}
