import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { APP_CONFIG, type AppConfig } from '../../config';

export const JWT_SECRET = Symbol('JWT_SECRET');

/**
 * The HS256 key as a KeyObject, built once: given a string, jsonwebtoken first tries to parse it
 * as a PEM public key on every call, which dominated the cost of a request.
 */
export function jwtKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}

/** Claims of a session token (API.md 5.1). */
export interface SessionClaims {
  readonly sub: string;
  readonly user_id: number;
  readonly iat: number;
  readonly exp: number;
  readonly orig_iat: number;
  readonly jti: string;
  readonly forever: boolean;
}

/** Issues HS256 session tokens and checks their claims' shape. */
@Injectable()
export class TokenService {
  private readonly key: KeyObject;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JWT_SECRET) secret: string,
  ) {
    this.key = jwtKey(secret);
  }

  /**
   * `notBefore` is the user's tokens_valid_after: a token issued in the same second as a password
   * change must outlive the revocation, so iat never falls below it.
   */
  issue(userId: number, options: { origIat?: number; forever?: boolean; notBefore?: number } = {}): { token: string; claims: SessionClaims } {
    const iat = Math.max(Math.floor(Date.now() / 1000), options.notBefore ?? 0);
    const claims: SessionClaims = {
      sub: String(userId),
      user_id: userId,
      iat,
      exp: iat + this.config.jwtTtlMinutes * 60,
      orig_iat: options.origIat ?? iat,
      jti: randomBytes(16).toString('hex'),
      forever: options.forever ?? false,
    };
    return { token: jwt.sign(claims, this.key, { algorithm: 'HS256' }), claims };
  }

  /** Verifies the signature (HS256 only), ignoring expiry; throws jsonwebtoken's errors. */
  verifySignature(token: string): unknown {
    return jwt.verify(token, this.key, { algorithms: ['HS256'], ignoreExpiration: true });
  }

  /** True when the token may still be refreshed (API.md 5.1). */
  isWithinRefreshWindow(claims: SessionClaims, now = Date.now() / 1000): boolean {
    return claims.forever || now <= claims.orig_iat + this.config.jwtRefreshTtlMinutes * 60;
  }
}

/** The shape check of 6.7: exp/iat numeric, user_id present. Returns undefined when malformed. */
export function readClaims(payload: unknown): SessionClaims | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const p = payload as Record<string, unknown>;
  if (typeof p.exp !== 'number' || typeof p.iat !== 'number') return undefined;
  if (typeof p.user_id !== 'number' || !Number.isSafeInteger(p.user_id)) return undefined;
  if (typeof p.jti !== 'string' || p.jti === '') return undefined;
  return {
    sub: String(p.user_id),
    user_id: p.user_id,
    iat: p.iat,
    exp: p.exp,
    orig_iat: typeof p.orig_iat === 'number' ? p.orig_iat : p.iat,
    jti: p.jti,
    forever: p.forever === true,
  };
}

/**
 * The tokens_valid_after value that revokes every token issued so far (API.md 6.7): the next
 * second, since iat has whole seconds; tokens issued afterwards start at it (see `issue`).
 */
export function revokeAllTokensValue(now = Date.now()): string {
  return String(Math.floor(now / 1000) + 1);
}
