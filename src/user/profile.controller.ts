import { Body, Controller, Get, HttpCode, Patch, Post, Put, Req, type Type } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators/public.decorator';
import { bodyObject } from '../auth/session/session.controller';
import type { AppRequest } from '../common/http/request-context';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ProfileService } from './profile.service';
import { ProfileDto, ProfileResultDto, ProfileUpdateDto } from './user-api.dto';

/** `/user/profile` and `/system/admin/profile` (API.md 5.5): public routes that need a session. */
export function profileController(kind: 'user' | 'admin'): Type<unknown> {
  const path = kind === 'admin' ? 'system/admin/profile' : 'user/profile';
  const name = kind === 'admin' ? 'Admin' : 'User';

  @ApiTags(kind === 'admin' ? 'system' : 'user')
  @Controller(path)
  @Public()
  class ProfileController {
    constructor(readonly profiles: ProfileService) {}

    @Get()
    @ApiOperation({ summary: "The caller's profile", operationId: `get${name}Profile` })
    @ApiOkResponse({ type: ProfileDto })
    @ApiErrors(401, 403)
    get(@Req() req: AppRequest) {
      return this.profiles.get(req.caller, kind);
    }

    @Post()
    @HttpCode(200)
    @ApiOperation({ summary: "Update the caller's profile (also PUT and PATCH)", operationId: `update${name}Profile` })
    @ApiBody({ type: ProfileUpdateDto })
    @ApiOkResponse({ type: ProfileResultDto })
    @ApiErrors(400, 401, 403, 409)
    post(@Body() body: unknown, @Req() req: AppRequest) {
      return this.profiles.update(req.caller, kind, bodyObject(body));
    }

    @Put()
    @ApiOperation({ summary: 'Same as POST', operationId: `replace${name}Profile` })
    @ApiBody({ type: ProfileUpdateDto })
    @ApiOkResponse({ type: ProfileResultDto })
    @ApiErrors(400, 401, 403, 409)
    put(@Body() body: unknown, @Req() req: AppRequest) {
      return this.post(body, req);
    }

    @Patch()
    @ApiOperation({ summary: 'Same as POST', operationId: `patch${name}Profile` })
    @ApiBody({ type: ProfileUpdateDto })
    @ApiOkResponse({ type: ProfileResultDto })
    @ApiErrors(400, 401, 403, 409)
    patch(@Body() body: unknown, @Req() req: AppRequest) {
      return this.post(body, req);
    }
  }
  Object.defineProperty(ProfileController, 'name', { value: `${name}ProfileController` });
  return ProfileController;
}
