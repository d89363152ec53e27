import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors';
import { formatUtc } from '../../common/http/dates';
import type { Caller } from '../../common/http/request-context';
import { APP_CONFIG, type AppConfig } from '../../config';
import type { RoleEntity } from '../../system/role/role.entity';
import type { UserEntity } from '../../system/user/user.entity';
import { UserDirectory } from '../../system/user/user-directory.service';
import { PasswordService } from '../password.service';
import { LoginThrottle } from '../rate-limit/login-throttle.service';
import { RevocationService } from './revocation.service';
import { RoleResolver, type CallerApp } from './role-resolver';
import { toSessionObject, type SessionObject } from './session-object';
import { readClaims, TokenService, type SessionClaims } from './token.service';

export type { SessionObject } from './session-object';
export type SessionKind = 'admin' | 'user';

export interface LoginBody {
  email?: unknown;
  password?: unknown;
  remember_me?: unknown;
}

/** Where a login comes from: the client address (rate limits) and the app of its API key, if any. */
export interface LoginClient {
  readonly address: string;
  readonly app?: CallerApp;
}

const INVALID_CREDENTIALS = 'Invalid credentials supplied.';
const REFRESH_FAILED = 'Token refresh failed. Token can no longer be refreshed.';
const NO_SESSION = 'There is no valid session for the current request.';

/** Login, current session, refresh and logout for admins and users (API.md 5.1, 5.2). */
@Injectable()
export class SessionService {
  constructor(
    private readonly users: UserDirectory,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly revocations: RevocationService,
    private readonly roles: RoleResolver,
    private readonly throttle: LoginThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(kind: SessionKind, body: LoginBody, client: LoginClient): Promise<SessionObject> {
    if (typeof body.email !== 'string' || body.email.trim() === '') throw new AppError('REQUEST_INVALID', 'Login request is missing required email.');
    if (typeof body.password !== 'string' || body.password === '') throw new AppError('REQUEST_INVALID', 'Login request is missing required password.');
    await this.throttle.assertLoginAllowed(body.email, client.address);
    const user = await this.users.findByEmail(body.email);
    const passwordOk = await this.passwords.verify(user?.passwordHash, body.password);
    if (!user || !passwordOk || !user.isActive || !user.confirmed || user.isSysAdmin !== (kind === 'admin')) {
      await this.throttle.loginFailed(body.email, client.address);
      throw new AppError('AUTH_CREDENTIALS_INVALID', INVALID_CREDENTIALS);
    }
    await this.throttle.loginSucceeded(body.email);
    const role = await this.roleOf(user, client.app);
    if (role && !role.isActive) throw new AppError('ACCESS_ROLE_INACTIVE', 'Role is not active.');
    const now = formatUtc(new Date());
    await this.users.recordLogin(user, now);
    const forever = this.config.allowForeverSessions && isTrue(body.remember_me);
    const { token, claims } = this.tokens.issue(user.id, { forever, notBefore: Number(user.tokensValidAfter) });
    return toSessionObject({ ...user, lastLoginDate: now } as UserEntity, token, claims, role);
  }

  /** A fresh token for a user who just proved who they are (registration, password change or reset). */
  issueFor(user: UserEntity): string {
    return this.tokens.issue(user.id, { notBefore: Number(user.tokensValidAfter) }).token;
  }

  /** GET: the presented session, no new token. */
  async current(caller: Caller, kind: SessionKind | 'any'): Promise<SessionObject> {
    if (!caller.user || !caller.token) throw new AppError('AUTH_NO_SESSION', NO_SESSION);
    if (kind === 'admin' && !caller.user.isSysAdmin) throw new AppError('ACCESS_ADMIN_REQUIRED', 'Access Forbidden. This operation requires an administrator.');
    const user = await this.users.findById(caller.user.id);
    const claims = user ? this.readSigned(caller.token.raw) : undefined;
    if (!user || !claims) throw new AppError('AUTH_NO_SESSION', NO_SESSION);
    return toSessionObject(user, caller.token.raw, claims, await this.roleOf(user, caller.app));
  }

  /** PUT: a new token with the same orig_iat and forever, all claims re-issued; the old one is revoked (5.1). */
  async refresh(rawToken: string | undefined, kind: SessionKind | 'any', app?: CallerApp): Promise<SessionObject> {
    const claims = rawToken ? this.readSigned(rawToken) : undefined;
    if (!claims || !this.tokens.isWithinRefreshWindow(claims) || (await this.revocations.isRevoked(claims.jti))) {
      throw new AppError('AUTH_CREDENTIALS_INVALID', REFRESH_FAILED);
    }
    const user = await this.users.findById(claims.user_id);
    if (!user || !user.isActive || claims.iat < Number(user.tokensValidAfter) || (kind === 'admin' && !user.isSysAdmin)) {
      throw new AppError('AUTH_CREDENTIALS_INVALID', REFRESH_FAILED);
    }
    await this.revocations.revoke(claims.jti, claims.user_id, claims.exp);
    const next = this.tokens.issue(user.id, { origIat: claims.orig_iat, forever: claims.forever, notBefore: Number(user.tokensValidAfter) });
    return toSessionObject(user, next.token, next.claims, await this.roleOf(user, app));
  }

  /** DELETE: revoke the presented token; succeeds with any token or none (5.1). */
  async logout(rawToken: string | undefined): Promise<{ success: true }> {
    const claims = rawToken ? this.readSigned(rawToken) : undefined;
    if (claims) await this.revocations.revoke(claims.jti, claims.user_id, claims.exp);
    return { success: true };
  }

  private roleOf(user: UserEntity, app: CallerApp | undefined): Promise<RoleEntity | undefined> {
    return user.isSysAdmin ? Promise.resolve(undefined) : this.roles.roleFor(user.id, app);
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
