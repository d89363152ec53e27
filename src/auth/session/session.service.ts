import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors';
import { formatUtc } from '../../common/http/dates';
import type { Caller } from '../../common/http/request-context';
import type { UserEntity } from '../../system/user/user.entity';
import { UserDirectory } from '../../system/user/user-directory.service';
import { PasswordService } from '../password.service';
import { RevocationService } from './revocation.service';
import { readClaims, TokenService, type SessionClaims } from './token.service';

export type SessionKind = 'admin' | 'user';

/** The session object of API.md 5.1. */
export interface SessionObject {
  session_token: string;
  session_id: string;
  id: number;
  name: string;
  first_name: string | null;
  last_name: string | null;
  email: string;
  is_sys_admin: boolean;
  is_root_admin: boolean;
  last_login_date: string | null;
  token_expiry_date: string;
  role?: string;
  role_id?: number;
}

export interface LoginBody {
  email?: unknown;
  password?: unknown;
  remember_me?: unknown;
}

const INVALID_CREDENTIALS = 'Invalid credentials supplied.';
const REFRESH_FAILED = 'Token refresh failed. Token can no longer be refreshed.';

/** Login, current session, refresh and logout for admins and users (API.md 5.1, 5.2). */
@Injectable()
export class SessionService {
  constructor(
    private readonly users: UserDirectory,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly revocations: RevocationService,
  ) {}

  async login(kind: SessionKind, body: LoginBody, allowForever: boolean): Promise<SessionObject> {
    if (typeof body.email !== 'string' || body.email.trim() === '') throw new AppError('REQUEST_INVALID', 'Login request is missing required email.');
    if (typeof body.password !== 'string' || body.password === '') throw new AppError('REQUEST_INVALID', 'Login request is missing required password.');
    const user = await this.users.findByEmail(body.email);
    const passwordOk = await this.passwords.verify(user?.passwordHash, body.password);
    if (!user || !passwordOk || !user.isActive || !user.confirmed || user.isSysAdmin !== (kind === 'admin')) {
      throw new AppError('AUTH_CREDENTIALS_INVALID', INVALID_CREDENTIALS);
    }
    const now = formatUtc(new Date());
    await this.users.recordLogin(user, now);
    const { token, claims } = this.tokens.issue(user.id, { forever: allowForever && isTrue(body.remember_me) });
    return toSessionObject({ ...user, lastLoginDate: now } as UserEntity, token, claims);
  }

  /** GET: the presented session, no new token. */
  async current(caller: Caller, kind: SessionKind | 'any'): Promise<SessionObject> {
    if (!caller.user || !caller.token) throw new AppError('AUTH_NO_SESSION', 'There is no valid session for the current request.');
    if (kind === 'admin' && !caller.user.isSysAdmin) throw new AppError('ACCESS_ADMIN_REQUIRED', 'Access Forbidden. This operation requires an administrator.');
    const user = await this.users.findById(caller.user.id);
    if (!user) throw new AppError('AUTH_NO_SESSION', 'There is no valid session for the current request.');
    const claims = readClaims(this.tokens.verifySignature(caller.token.raw));
    if (!claims) throw new AppError('AUTH_NO_SESSION', 'There is no valid session for the current request.');
    return toSessionObject(user, caller.token.raw, claims);
  }

  /** PUT: a new token with the same orig_iat and forever; the old one is revoked (5.1). */
  async refresh(rawToken: string | undefined, kind: SessionKind | 'any'): Promise<SessionObject> {
    const claims = rawToken ? this.readSigned(rawToken) : undefined;
    if (!claims || !this.tokens.isWithinRefreshWindow(claims) || (await this.revocations.isRevoked(claims.jti))) {
      throw new AppError('AUTH_CREDENTIALS_INVALID', REFRESH_FAILED);
    }
    const user = await this.users.findById(claims.user_id);
    if (!user || !user.isActive || claims.iat < Number(user.tokensValidAfter) || (kind === 'admin' && !user.isSysAdmin)) {
      throw new AppError('AUTH_CREDENTIALS_INVALID', REFRESH_FAILED);
    }
    await this.revocations.revoke(claims.jti, claims.user_id, claims.exp);
    const next = this.tokens.issue(user.id, { origIat: claims.orig_iat, forever: claims.forever });
    return toSessionObject(user, next.token, next.claims);
  }

  /** DELETE: revoke the presented token; succeeds with any token or none (5.1). */
  async logout(rawToken: string | undefined): Promise<{ success: true }> {
    const claims = rawToken ? this.readSigned(rawToken) : undefined;
    if (claims) await this.revocations.revoke(claims.jti, claims.user_id, claims.exp);
    return { success: true };
  }

  private readSigned(rawToken: string): SessionClaims | undefined {
    try {
      return readClaims(this.tokens.verifySignature(rawToken));
    } catch {
      return undefined;
    }
  }
}

function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && ['true', '1', 'yes', 'on'].includes(value.toLowerCase()));
}

export function toSessionObject(user: UserEntity, token: string, claims: SessionClaims): SessionObject {
  return {
    session_token: token,
    session_id: token,
    id: user.id,
    name: user.name,
    first_name: user.firstName,
    last_name: user.lastName,
    email: user.email,
    is_sys_admin: user.isSysAdmin,
    is_root_admin: user.isRootAdmin,
    last_login_date: user.lastLoginDate,
    token_expiry_date: formatUtc(new Date(claims.exp * 1000)),
  };
}
