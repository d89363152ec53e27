import type { Request, Response } from 'express';
import { renderError } from './formats';
import type { ErrorBody } from '../errors';

/** Writes the DreamFactory error envelope (API.md 2.8). The only place error bodies are written. */
export function sendError(res: Response, body: ErrorBody, headers: Readonly<Record<string, string>> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  const status = body.reason === 'BATCH_FAILED' ? 400 : body.status_code;
  const rendered = renderError(res.req as Request | undefined, { error: body });
  res.status(status).setHeader('Content-Type', rendered.type);
  res.send(rendered.text);
}
