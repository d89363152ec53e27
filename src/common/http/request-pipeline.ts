import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AppError } from '../errors';
import { sendError } from './error-response';
import { parseCsv, parseXml } from './formats';
import type { AppRequest } from './request-context';

export const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const TUNNELLED_VERBS = new Set(['GET', 'PUT', 'PATCH', 'DELETE']);
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_JSON_DEPTH = 64;

type Middleware = (req: Request, res: Response, next: NextFunction) => void;

/** Assigns the request id (echoed when safe, else generated) and echoes it as X-Request-Id. */
export const requestId: Middleware = (req, res, next) => {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
  (req as AppRequest).id = id;
  (req as AppRequest).caller = {};
  res.setHeader('X-Request-Id', id);
  next();
};

/** TRACE, PROPFIND, … → 405 without touching anything else (API.md 2.3). */
export const rejectUnknownMethods: Middleware = (req, res, next) => {
  if (KNOWN_METHODS.has(req.method)) return next();
  fail(res, new AppError('REQUEST_METHOD_NOT_ALLOWED', `Method ${req.method.replace(/[^A-Z]/gi, '').slice(0, 20)} is not allowed.`));
};

/** Repeated or bracketed query parameters and prototype keys are refused (API.md 2.4, 8.1). */
export const checkQuery: Middleware = (req, res, next) => {
  for (const [key, value] of Object.entries(req.query)) {
    if (FORBIDDEN_KEYS.has(key)) return fail(res, new AppError('REQUEST_FORBIDDEN_KEY', `Forbidden key '${key}' in request.`));
    if (key.includes('[') || Array.isArray(value) || typeof value === 'object') {
      return fail(res, new AppError('REQUEST_INVALID', `Parameter '${key.split('[')[0]}' is given more than once or in bracket form.`));
    }
  }
  next();
};

/** Only supported content types are read; anything else with a body → 415 (API.md 2.5). */
export function checkContentType(): Middleware {
  return (req, res, next) => {
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!hasBody || type === '' || isJsonType(type) || SUPPORTED_TEXT_TYPES.has(type) || type === 'application/x-www-form-urlencoded') {
      return next();
    }
    fail(res, new AppError('REQUEST_UNSUPPORTED_MEDIA_TYPE', `Unsupported content type '${type.slice(0, 100)}'.`));
  };
}

const SUPPORTED_TEXT_TYPES = new Set(['application/xml', 'text/xml', 'text/csv']);

export function isJsonType(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json');
}

/** Body parsers for JSON (also when no content type is given), forms, and CSV/XML as text. */
export function bodyParsers(limitBytes: number): Middleware[] {
  return [
    express.json({
      limit: limitBytes,
      strict: false,
      type: (req) => {
        const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        return type === '' || isJsonType(type);
      },
    }),
    express.urlencoded({ limit: limitBytes, extended: false }),
    express.text({ limit: limitBytes, type: [...SUPPORTED_TEXT_TYPES] }),
    checkBodyShape,
  ];
}

/** Prototype keys anywhere and nesting deeper than 64 are refused before anything else runs. */
const checkBodyShape: Middleware = (req, res, next) => {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (typeof req.body === 'string' && type === 'text/csv') {
    try {
      req.body = parseCsv(req.body);
    } catch (error) {
      return fail(res, error as AppError);
    }
  } else if (typeof req.body === 'string' && (type === 'application/xml' || type === 'text/xml')) {
    try {
      req.body = parseXml(req.body);
    } catch (error) {
      return fail(res, error as AppError);
    }
  }
  const problem = inspectBody(req.body);
  if (problem) return fail(res, problem);
  next();
};

/** Prototype keys anywhere, or nesting deeper than 64, in a parsed body. */
export function inspectBody(body: unknown): AppError | undefined {
  return body !== null && typeof body === 'object' ? inspect(body, 0) : undefined;
}

function inspect(value: unknown, depth: number): AppError | undefined {
  if (depth > MAX_JSON_DEPTH) return new AppError('REQUEST_BODY_UNPARSABLE', `Request body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = typeof item === 'object' && item !== null ? inspect(item, depth + 1) : undefined;
      if (problem) return problem;
    }
    return undefined;
  }
  for (const key of Object.keys(value as object)) {
    if (FORBIDDEN_KEYS.has(key)) return new AppError('REQUEST_FORBIDDEN_KEY', `Forbidden key '${key}' in request body.`);
    const item = (value as Record<string, unknown>)[key];
    const problem = typeof item === 'object' && item !== null ? inspect(item, depth + 1) : undefined;
    if (problem) return problem;
  }
  return undefined;
}

/** On POST only, the effective verb comes from the override headers or parameters (API.md 2.3). */
export const verbTunnelling: Middleware = (req, res, next) => {
  if (req.method !== 'POST') return next();
  const header = (name: string) => {
    const value = req.headers[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const bodyMethod = req.body !== null && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>)._method : undefined;
  const queryValue = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);
  const override =
    header('x-http-method-override') ??
    queryValue('_method') ??
    (typeof bodyMethod === 'string' ? bodyMethod : undefined) ??
    header('x-http-method') ??
    header('x-method-override') ??
    queryValue('method');
  if (override === undefined) return next();
  let verb: string;
  try {
    verb = tunnelledVerb(override);
  } catch (error) {
    return fail(res, error as AppError);
  }
  if (verb === 'POST') return next();
  (req as AppRequest).wireMethod = 'POST';
  req.method = verb;
  next();
};

/** The verb a POST asks for through an override (2.3): MERGE is PATCH; anything but GET, PUT, PATCH, DELETE or POST → 400. */
export function tunnelledVerb(override: string): string {
  const verb = override.toUpperCase() === 'MERGE' ? 'PATCH' : override.toUpperCase();
  if (verb !== 'POST' && !TUNNELLED_VERBS.has(verb)) {
    throw new AppError('REQUEST_INVALID', `Tunnelled verb '${verb.replace(/[^A-Z]/g, '').slice(0, 20)}' is not allowed.`);
  }
  return verb;
}

function fail(res: Response, error: AppError): void {
  sendError(res, error.toBody(), error.headers);
}
