import type { NextFunction, Request, Response } from 'express';
import { corsHeaders, selectRule } from './cors-policy';
import type { CorsRules } from './cors-rules.service';

/**
 * CORS before anything else (API.md 4.9, 2.3): every OPTIONS request is answered 204 here, without
 * credentials, carrying the preflight headers when the rule for its path allows the origin; other
 * requests with an Origin get the response headers of that rule. No rule, no headers.
 */
export function corsMiddleware(rules: CorsRules) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    const isOptions = req.method === 'OPTIONS';
    if (!isOptions && origin === undefined) return next();
    rules.enabled().then((enabled) => {
      const preflight = isOptions && req.headers['access-control-request-method'] !== undefined;
      const headers = corsHeaders(selectRule(enabled, req.path), origin, preflight);
      for (const [name, value] of Object.entries(headers ?? {})) res.setHeader(name, value);
      if (!isOptions) return next();
      res.status(204).end();
    }, next);
  };
}
