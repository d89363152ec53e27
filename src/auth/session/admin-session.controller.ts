import { Body, Controller, Delete, Get, HttpCode, Inject, Patch, Post, Put, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppError } from '../../common/errors';
import type { AppRequest } from '../../common/http/request-context';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import { APP_CONFIG, type AppConfig } from '../../config';
import { readSessionToken } from '../credentials';
import { Public, TokenHandling } from '../decorators/public.decorator';
import { LoginDto, SessionDto, SuccessDto } from './session.dto';
import { SessionService, type LoginBody } from './session.service';

/** `/api/v2/system/admin/session`: admin login, current session, refresh, logout (API.md 5.2). */
@ApiTags('system')
@Controller('system/admin/session')
@Public()
export class AdminSessionController {
  constructor(
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(200)
  @TokenHandling('ignore')
  @ApiOperation({ summary: 'Log in an admin', operationId: 'adminLogin' })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: SessionDto })
  @ApiErrors(400, 401, 429)
  login(@Body() body: LoginBody) {
    return this.sessions.login('admin', bodyObject(body), this.config.allowForeverSessions);
  }

  @Get()
  @ApiOperation({ summary: 'The current admin session', operationId: 'getAdminSession' })
  @ApiOkResponse({ type: SessionDto })
  @ApiErrors(401, 403)
  current(@Req() req: AppRequest) {
    return this.sessions.current(req.caller, 'admin');
  }

  @Put()
  @TokenHandling('self')
  @ApiOperation({ summary: 'Refresh the presented admin token', operationId: 'refreshAdminSession' })
  @ApiOkResponse({ type: SessionDto })
  @ApiErrors(401)
  refresh(@Req() req: AppRequest) {
    return this.sessions.refresh(tokenOrNothing(req), 'admin');
  }

  @Delete()
  @TokenHandling('self')
  @ApiOperation({ summary: 'Log out: revoke the presented token', operationId: 'adminLogout' })
  @ApiOkResponse({ type: SuccessDto })
  logout(@Req() req: AppRequest) {
    return this.sessions.logout(tokenOrNothing(req));
  }

  @Patch()
  @ApiOperation({ summary: 'Not supported', operationId: 'patchAdminSession' })
  @ApiErrors(400)
  patch(): never {
    throw new AppError('REQUEST_VERB_UNSUPPORTED', "PATCH requests for resource 'admin/session' are not currently supported by the 'system' service.");
  }
}

/** Login bodies must be a bare object (API.md 2.5). */
export function bodyObject(body: unknown): LoginBody {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError('REQUEST_INVALID', 'Request body must be a JSON object.');
  }
  return body as LoginBody;
}

function tokenOrNothing(req: AppRequest): string | undefined {
  try {
    return readSessionToken(req);
  } catch {
    return undefined;
  }
}
