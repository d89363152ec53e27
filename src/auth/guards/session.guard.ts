import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AppError } from '../../common/errors';
import type { AppRequest, Caller } from '../../common/http/request-context';
import { readSessionToken } from '../credentials';
import { TOKEN_HANDLING } from '../decorators/public.decorator';

/** Second guard: a presented session token is validated on every route, public ones included (6.7). */
@Injectable()
export class SessionGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const handling = this.reflector.getAllAndOverride<string | undefined>(TOKEN_HANDLING, [context.getHandler(), context.getClass()]);
    const req = context.switchToHttp().getRequest<AppRequest>();
    if (handling === 'ignore' || handling === 'self') return true;
    if (readSessionToken(req) === undefined) return true;
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(error: unknown, result: unknown, info: unknown, context: ExecutionContext): T {
    if (error) throw error;
    if (!result) throw tokenError(info);
    const req = context.switchToHttp().getRequest<AppRequest>();
    const { user, token } = result as Required<Pick<Caller, 'user' | 'token'>>;
    req.caller.user = user;
    req.caller.token = token;
    return result as T;
  }
}

/** passport-jwt failures (bad signature, malformed, wrong alg) → 401 AUTH_TOKEN_INVALID. */
function tokenError(info: unknown): AppError {
  const message = info instanceof Error ? info.message : '';
  const detail = /signature|algorithm/i.test(message) ? 'Token Signature could not be verified.' : 'Token could not be parsed.';
  return new AppError('AUTH_TOKEN_INVALID', `Invalid token: ${detail}`);
}
