import type { Request } from 'express';
import { AppError } from '../common/errors';

/**
 * Reads one credential from its header and query forms (API.md 2.2). A credential given in several
 * places must carry the same value everywhere; a repeated header is refused.
 */
function single(values: (string | string[] | undefined)[], reason: 'AUTH_API_KEY_INVALID' | 'AUTH_TOKEN_INVALID'): string | undefined {
  const found: string[] = [];
  for (const value of values) {
    if (value === undefined) continue;
    if (Array.isArray(value)) throw conflict(reason);
    if (value !== '') found.push(value);
  }
  if (found.length === 0) return undefined;
  if (found.some((v) => v !== found[0])) throw conflict(reason);
  return found[0];
}

function conflict(reason: 'AUTH_API_KEY_INVALID' | 'AUTH_TOKEN_INVALID'): AppError {
  return reason === 'AUTH_API_KEY_INVALID'
    ? new AppError(reason, 'Invalid API key.')
    : new AppError(reason, 'Invalid token: Conflicting session tokens were presented.');
}

function queryValue(req: Request, name: string): string | string[] | undefined {
  const value = req.query[name];
  return typeof value === 'string' || Array.isArray(value) ? (value as string | string[]) : undefined;
}

/** Header values as Node received them; a repeated header arrives joined by ', ' for custom names. */
function headerValue(req: Request, name: string): string | string[] | undefined {
  const raw = req.headersDistinct?.[name];
  if (raw === undefined) return undefined;
  return raw.length === 1 ? raw[0] : raw;
}

export function readApiKey(req: Request): string | undefined {
  return single([headerValue(req, 'x-dreamfactory-api-key'), queryValue(req, 'api_key')], 'AUTH_API_KEY_INVALID');
}

export function readSessionToken(req: Request): string | undefined {
  const authorization = headerValue(req, 'authorization');
  if (Array.isArray(authorization)) throw conflict('AUTH_TOKEN_INVALID');
  const bearer = authorization !== undefined && /^Bearer\s+/i.test(authorization) ? authorization.replace(/^Bearer\s+/i, '').trim() : undefined;
  return single([headerValue(req, 'x-dreamfactory-session-token'), bearer, queryValue(req, 'session_token')], 'AUTH_TOKEN_INVALID');
}
