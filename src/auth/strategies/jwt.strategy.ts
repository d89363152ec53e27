import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-jwt';
import { AppError } from '../../common/errors';
import type { Caller } from '../../common/http/request-context';
import { toCallerUser, UserDirectory } from '../../system/user/user-directory.service';
import { readSessionToken } from '../credentials';
import { RevocationService } from '../session/revocation.service';
import { JWT_SECRET, jwtKey, readClaims } from '../session/token.service';

const EXPIRY_LEEWAY_SECONDS = 30;

export const TOKEN_EXPIRED_MESSAGE = 'Token has expired: Session expired. Please refresh your token (if still within refresh window) or re-login.';
export const TOKEN_REVOKED_MESSAGE = 'The token has been blacklisted: Session terminated. Please re-login.';

/**
 * passport-jwt verifies the signature with HS256 pinned (any other alg, `none` included, fails);
 * then, in the order of API.md 6.7: claims shape → user exists and is active → revocation → expiry.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(JWT_SECRET) secret: string,
    private readonly users: UserDirectory,
    private readonly revocations: RevocationService,
  ) {
    super({
      jwtFromRequest: (req: Request) => readSessionToken(req) ?? null,
      secretOrKey: jwtKey(secret) as unknown as string,
      algorithms: ['HS256'],
      ignoreExpiration: true,
      passReqToCallback: true,
    });
  }

  async validate(req: Request, payload: unknown): Promise<Required<Pick<Caller, 'user' | 'token'>>> {
    const claims = readClaims(payload);
    if (!claims) throw new AppError('AUTH_TOKEN_INVALID', 'Invalid token: Required claims are missing.');
    const user = await this.users.findById(claims.user_id);
    if (!user) throw new AppError('AUTH_TOKEN_INVALID', 'Invalid token: User not found.');
    if (!user.isActive) throw new AppError('AUTH_TOKEN_INVALID', 'Invalid token: User is not active.');
    if ((await this.revocations.isRevoked(claims.jti)) || claims.iat < Number(user.tokensValidAfter)) {
      throw new AppError('AUTH_TOKEN_REVOKED', TOKEN_REVOKED_MESSAGE);
    }
    if (claims.exp + EXPIRY_LEEWAY_SECONDS < Date.now() / 1000) throw new AppError('AUTH_TOKEN_EXPIRED', TOKEN_EXPIRED_MESSAGE);
    return {
      user: toCallerUser(user),
      token: { raw: readSessionToken(req) ?? '', jti: claims.jti, iat: claims.iat, exp: claims.exp, origIat: claims.orig_iat, forever: claims.forever },
    };
  }
}
