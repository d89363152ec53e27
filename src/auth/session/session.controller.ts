import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Req, type Type } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppError } from '../../common/errors';
import type { AppRequest } from '../../common/http/request-context';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import { readSessionToken } from '../credentials';
import { Public, TokenHandling } from '../decorators/public.decorator';
import { LoginDto, SessionDto, SuccessDto } from './session.dto';
import { SessionService, type LoginBody, type SessionKind } from './session.service';

/**
 * The session endpoints (API.md 5.1, 5.2): `/user/session` logs non-admins in and serves the
 * current session of anyone; `/system/admin/session` does the same for admins only.
 */
export function sessionController(kind: SessionKind): Type<unknown> {
  const path = kind === 'admin' ? 'system/admin/session' : 'user/session';
  const name = kind === 'admin' ? 'Admin' : 'User';
  const service = kind === 'admin' ? 'system' : 'user';
  const resource = kind === 'admin' ? 'admin/session' : 'session';
  const readers: SessionKind | 'any' = kind === 'admin' ? 'admin' : 'any';

  @ApiTags(service)
  @Controller(path)
  @Public()
  class SessionController {
    constructor(readonly sessions: SessionService) {}

    @Post()
    @HttpCode(200)
    @TokenHandling('ignore')
    @ApiOperation({ summary: `Log in ${kind === 'admin' ? 'an admin' : 'a non-admin user'}`, operationId: `${kind}Login` })
    @ApiBody({ type: LoginDto })
    @ApiOkResponse({ type: SessionDto })
    @ApiErrors(400, 401, 403, 429)
    login(@Body() body: unknown, @Req() req: AppRequest) {
      return this.sessions.login(kind, bodyObject(body), { address: clientAddress(req), app: req.caller.app });
    }

    @Get()
    @ApiOperation({ summary: 'The current session (no new token)', operationId: `get${name}Session` })
    @ApiOkResponse({ type: SessionDto })
    @ApiErrors(401, 403)
    current(@Req() req: AppRequest) {
      return this.sessions.current(req.caller, readers);
    }

    @Put()
    @TokenHandling('self')
    @ApiOperation({ summary: 'Refresh the presented token', operationId: `refresh${name}Session` })
    @ApiOkResponse({ type: SessionDto })
    @ApiErrors(401)
    refresh(@Req() req: AppRequest) {
      return this.sessions.refresh(tokenOrNothing(req), readers, req.caller.app);
    }

    @Delete()
    @TokenHandling('self')
    @ApiOperation({ summary: 'Log out: revoke the presented token', operationId: `${kind}Logout` })
    @ApiOkResponse({ type: SuccessDto })
    @ApiErrors()
    logout(@Req() req: AppRequest) {
      return this.sessions.logout(tokenOrNothing(req));
    }

    @Patch()
    @ApiOperation({ summary: 'Not supported', operationId: `patch${name}Session` })
    @ApiErrors(400)
    patch(): never {
      throw new AppError('REQUEST_VERB_UNSUPPORTED', `PATCH requests for resource '${resource}' are not currently supported by the '${service}' service.`);
    }
  }
  Object.defineProperty(SessionController, 'name', { value: `${name}SessionController` });
  return SessionController;
}

/** User API bodies must be a bare object (API.md 2.5); no body reads as `{}`. */
export function bodyObject(body: unknown): LoginBody & Record<string, unknown> {
  if (body === undefined || body === null || body === '') return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new AppError('REQUEST_INVALID', 'Request body must be a JSON object.');
  return body as LoginBody & Record<string, unknown>;
}

/** The client address as Express sees it (X-Forwarded-For only with TRUST_PROXY). */
export function clientAddress(req: AppRequest): string {
  return req.ip ?? req.socket?.remoteAddress ?? 'unknown';
}

/** Refresh and logout read the token themselves; a conflicting or repeated one counts as none. */
export function tokenOrNothing(req: AppRequest): string | undefined {
  try {
    return readSessionToken(req);
  } catch {
    return undefined;
  }
}
