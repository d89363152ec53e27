import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AppError } from '../../common/errors';
import type { AppRequest, Caller } from '../../common/http/request-context';
import { readSessionToken } from '../credentials';
import { TOKEN_HANDLING } from '../decorators/public.decorator';
import { UserDirectory } from '../../system/user/user-directory.service';
import { RevocationService } from '../session/revocation.service';

/** How long a fully verified token is trusted without running passport again (user and revocation caches use the same window). */
const VERIFIED_TTL_MS = 1000;
const EXPIRY_LEEWAY_SECONDS = 30;

interface Verified {
  readonly until: number;
  readonly generation: number;
  readonly user: NonNullable<Caller['user']>;
  readonly token: NonNullable<Caller['token']>;
}

/**
 * Second guard: a presented session token is validated on every route, public ones included (6.7).
 * passport-jwt does the checks; a token it accepted is remembered for one second, so a client's
 * burst of requests does not pay for them again. Logout, refresh and any change to a user in this
 * process end that at once; other instances see revocations within the caches' one-second window.
 */
@Injectable()
export class SessionGuard extends AuthGuard('jwt') {
  private readonly verified = new Map<string, Verified>();

  constructor(
    private readonly reflector: Reflector,
    private readonly users: UserDirectory,
    private readonly revocations: RevocationService,
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
    if (known && this.stillValid(known)) {
      req.caller.user = known.user;
      req.caller.token = known.token;
      return true;
    }
    return (await super.canActivate(context)) as boolean;
  }

  private stillValid(entry: Verified): boolean {
    const now = Date.now();
    return entry.until > now && entry.generation === this.users.generation && !this.revocations.isKnownRevoked(entry.token.jti)
      && entry.token.exp + EXPIRY_LEEWAY_SECONDS > now / 1000;
  }

  override handleRequest<T>(error: unknown, result: unknown, info: unknown, context: ExecutionContext): T {
    if (error) throw error;
    if (!result) throw tokenError(info);
    const req = context.switchToHttp().getRequest<AppRequest>();
    const { user, token } = result as Required<Pick<Caller, 'user' | 'token'>>;
    req.caller.user = user;
    req.caller.token = token;
    if (this.verified.size > 10_000) this.verified.clear();
    this.verified.set(token.raw, { until: Date.now() + VERIFIED_TTL_MS, generation: this.users.generation, user, token });
    return result as T;
  }
}

/** passport-jwt failures (bad signature, malformed, wrong alg) → 401 AUTH_TOKEN_INVALID. */
function tokenError(info: unknown): AppError {
  const message = info instanceof Error ? info.message : '';
  const detail = /signature|algorithm/i.test(message) ? 'Token Signature could not be verified.' : 'Token could not be parsed.';
  return new AppError('AUTH_TOKEN_INVALID', `Invalid token: ${detail}`);
}
