import type { Request } from 'express';

/** Who is calling (API.md 6.1), set by the guards. */
export interface Caller {
  /** The app whose API key came with the request. */
  app?: { readonly id: number; readonly name: string; readonly roleId: number | null; readonly isActive: boolean };
  /** The user whose session token came with the request. */
  user?: CallerUser;
  /** The effective role (API.md 6.2), set by the access guard once it allowed the request. */
  role?: { readonly id: number; readonly name: string };
  /** Claims of the presented, validated session token. */
  token?: { readonly raw: string; readonly jti: string; readonly iat: number; readonly exp: number; readonly origIat: number; readonly forever: boolean };
}

export interface CallerUser {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly username: string;
  readonly isSysAdmin: boolean;
  readonly isRootAdmin: boolean;
  readonly lastLoginDate: string | null;
}

/** The request as the application sees it after the middleware chain. */
export interface AppRequest extends Request {
  id: string;
  caller: Caller;
  /** The wire method before verb tunnelling. */
  wireMethod?: string;
}

export function isAdmin(caller: Caller): boolean {
  return caller.user?.isSysAdmin === true;
}
