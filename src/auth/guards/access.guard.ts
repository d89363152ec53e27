import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../../common/errors';
import { isAdmin, type AppRequest, type Caller } from '../../common/http/request-context';
import { ADMIN_ONLY } from '../decorators/admin-only.decorator';
import { IS_PUBLIC } from '../decorators/public.decorator';

/**
 * Last guard: public routes pass, admins pass; everyone else gets the denial of API.md 6.5.
 * Role-based grants on data services plug in here with RBAC (issue #9).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<AppRequest>();
    if (isAdmin(req.caller)) return true;
    const adminOnly = this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, targets) ?? false;
    throw denial(req.caller, adminOnly);
  }
}

/** Rows 1–4 and 8 of the denial table (6.5); the role rows arrive with RBAC. */
export function denial(caller: Caller, adminOnly: boolean): AppError {
  if (!caller.app && !caller.user) {
    return new AppError(
      'AUTH_REQUIRED',
      'No session token (JWT) or API Key detected in request. Please send in X-DreamFactory-Session-Token and/or X-DreamFactory-API-Key request header. You can also use URL query parameters session_token and/or api_key.',
    );
  }
  if (adminOnly) return new AppError('ACCESS_ADMIN_REQUIRED', 'Access Forbidden. This operation requires an administrator.');
  if (caller.user && !caller.app) {
    return new AppError('AUTH_API_KEY_REQUIRED', "No API Key provided. Please provide a valid API Key using X-DreamFactory-API-Key request header or 'api_key' url query parameter.");
  }
  if (caller.app && !caller.user && caller.app.roleId === null) {
    return new AppError('AUTH_SESSION_REQUIRED', "No session token (JWT) provided. Please provide a valid JWT using X-DreamFactory-Session-Token request header or 'session_token' url query parameter.");
  }
  if (caller.app && !caller.user) return new AppError('AUTH_LOGIN_REQUIRED', 'Unauthorized. User is not authenticated.');
  return new AppError('ACCESS_DENIED', "Access Forbidden. This request is not allowed by this user's role.");
}
