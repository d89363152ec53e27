import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AppError } from '../../common/errors';
import type { AppRequest } from '../../common/http/request-context';
import { readSessionToken } from '../credentials';
import { TOKEN_HANDLING } from '../decorators/public.decorator';
import { VerifiedTokens, type VerifiedSession } from '../session/verified-tokens';

/**
 * Second guard: a presented session token is validated on every route, public ones included (6.7).
 * passport-jwt does the checks; a token it accepted is remembered for one second (VerifiedTokens).
 */
@Injectable()
export class SessionGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly verified: VerifiedTokens,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const handling = this.reflector.getAllAndOverride<string | undefined>(TOKEN_HANDLING, [context.getHandler(), context.getClass()]);
    const req = context.switchToHttp().getRequest<AppRequest>();
    if (handling === 'ignore' || handling === 'self') return true;
    const raw = readSessionToken(req);
    if (raw === undefined) return true;
    const known = this.verified.get(raw);
    if (known) {
      req.caller.user = known.user;
      req.caller.token = known.token;
      return true;
    }
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(error: unknown, result: unknown, info: unknown, context: ExecutionContext): T {
    if (error) throw error;
    if (!result) throw tokenError(info);
    const req = context.switchToHttp().getRequest<AppRequest>();
    const { user, token } = result as VerifiedSession;
    req.caller.user = user;
    req.caller.token = token;
    this.verified.remember({ user, token });
    return result as T;
  }
}

/** passport-jwt failures (bad signature, malformed, wrong alg) → 401 AUTH_TOKEN_INVALID. */
function tokenError(info: unknown): AppError {
  const message = info instanceof Error ? info.message : '';
  const detail = /signature|algorithm/i.test(message) ? 'Token Signature could not be verified.' : 'Token could not be parsed.';
  return new AppError('AUTH_TOKEN_INVALID', `Invalid token: ${detail}`);
}
