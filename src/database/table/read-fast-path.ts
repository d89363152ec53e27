import { Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery, type ParsedUrlQuery } from 'node:querystring';
import { PinoLogger } from 'nestjs-pino';
import { AccessService } from '../../auth/access/access.service';
import { readApiKey, readSessionToken } from '../../auth/credentials';
import { ADMIN_ONLY } from '../../auth/decorators/admin-only.decorator';
import { IS_PUBLIC, TOKEN_HANDLING } from '../../auth/decorators/public.decorator';
import { authorize } from '../../auth/guards/access.guard';
import { callerApp } from '../../auth/guards/api-key.guard';
import { VerifiedTokens } from '../../auth/session/verified-tokens';
import { toAppError } from '../../common/errors/error-mapping';
import { renderError } from '../../common/http/formats';
import { FORBIDDEN_KEYS, SAFE_REQUEST_ID } from '../../common/http/request-pipeline';
import type { Caller } from '../../common/http/request-context';
import { APP_CONFIG, type AppConfig } from '../../config';
import { AppDirectory } from '../../system/app/app-directory.service';
import { TableController } from './table.controller';
import { TableService } from './table.service';

/** `/api/v2/{service}/_table/{table}[/{id}]`, exactly as written (other spellings take the full pipeline). */
const RECORDS_PATH = /^\/api\/v2\/([^/?#]+)\/_table\/([^/?#]+)(?:\/([^/?#]+))?$/;
const JSON_TYPE = 'application/json; charset=utf-8';

type Shim = Pick<Request, 'headers' | 'headersDistinct' | 'query' | 'path'>;

/**
 * The records API's plain JSON reads, answered without Express and Nest's per-request machinery
 * (the benchmark's hot path: about half of a by-id read's CPU was routing, middleware and guards).
 *
 * It takes only requests whose every step it does the same way as the full pipeline: GET on the
 * exact `/_table` paths, no body, no Origin (CORS), a JSON response, a query without repeated,
 * bracketed or prototype keys, and a session token (if any) that the session guard verified within
 * the last second. Everything else, and every request when `FAST_READS=false`, goes to Express
 * untouched. The steps themselves are the guards' own functions (API key → cached session → access
 * policy), the controller's TableService call, and the exception filter's error mapping and envelope.
 */
@Injectable()
export class ReadFastPath {
  private readonly logger = new Logger('Errors');
  /** Requests this path answered (tests compare it with the full pipeline). */
  answered = 0;
  private readonly usable: boolean;
  /** pino-http writes request lines at info and debug only (LoggingModule). */
  private readonly requestLines: boolean;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tables: TableService,
    private readonly apps: AppDirectory,
    private readonly sessions: VerifiedTokens,
    private readonly access: AccessService,
    reflector: Reflector,
  ) {
    // The path stands in for these two routes only while they carry no auth metadata of their own.
    const targets = [TableController.prototype.read, TableController.prototype.readOne];
    const special = targets.some((handler) =>
      [IS_PUBLIC, ADMIN_ONLY, TOKEN_HANDLING].some((key) => reflector.getAllAndOverride(key, [handler, TableController]) !== undefined));
    this.usable = config.fastReads && !special;
    this.requestLines = config.logLevel === 'info' || config.logLevel === 'debug';
  }

  /** Wraps the application's request listener: what this path does not take goes to `next` unchanged. */
  listener(next: RequestListener): RequestListener {
    if (!this.usable) return next;
    return (req, res) => {
      if (!this.take(req, res)) next(req, res);
    };
  }

  private take(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET') return false;
    const url = req.url ?? '';
    const mark = url.indexOf('?');
    const path = mark < 0 ? url : url.slice(0, mark);
    const match = RECORDS_PATH.exec(path);
    if (!match) return false;
    const headers = req.headers;
    if (headers.origin !== undefined || headers['transfer-encoding'] !== undefined || (headers['content-length'] !== undefined && headers['content-length'] !== '0')) return false;
    if (headers.accept !== undefined && !acceptsJson(headers.accept)) return false;
    const query = mark < 0 ? {} : parseQuery(url.slice(mark + 1));
    if (!plainQuery(query)) return false;
    const segments = decodeAll(match.slice(1));
    if (!segments) return false;
    const shim: Shim = { headers, headersDistinct: req.headersDistinct, query, path } as Shim;
    const caller: Caller = {};
    let token: string | undefined;
    let key: string | undefined;
    try {
      token = readSessionToken(shim as Request);
      key = readApiKey(shim as Request);
    } catch {
      return false;
    }
    if (token !== undefined) {
      const session = this.sessions.get(token);
      if (!session) return false;
      caller.user = session.user;
      caller.token = session.token;
    }
    const given = headers['x-request-id'];
    const id = typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
    (req as IncomingMessage & { id: string }).id = id;
    this.answered++;
    const started = Date.now();
    this.answer(shim, caller, key, segments as [string, string, string | undefined]).then(
      (body) => this.send(req, res, id, 200, body, started),
      (error: unknown) => this.fail(req, res, id, error, started),
    );
    return true;
  }

  private async answer(shim: Shim, caller: Caller, key: string | undefined, [service, table, id]: [string, string, string | undefined]): Promise<string> {
    if (key !== undefined) caller.app = await callerApp(this.apps, key);
    await authorize(this.access, caller, shim.path, 'GET', false);
    const request = { caller, query: shim.query as Record<string, unknown>, body: undefined, method: 'GET' };
    const body = id === undefined ? await this.tables.read(service, table, request) : await this.tables.readById(service, table, id, request);
    return typeof body === 'number' ? String(body) : body;
  }

  private fail(req: IncomingMessage, res: ServerResponse, id: string, error: unknown, started: number): void {
    const appError = toAppError(error, id);
    if (appError.reason === 'INTERNAL') this.logger.error({ requestId: id, err: error }, 'Unhandled error');
    const body = appError.toBody();
    const rendered = renderError(undefined, { error: body });
    const status = body.reason === 'BATCH_FAILED' ? 400 : body.status_code;
    this.send(req, res, id, status, rendered.text, started, appError.headers);
  }

  private send(req: IncomingMessage, res: ServerResponse, id: string, status: number, text: string, started: number, extra: Readonly<Record<string, string>> = {}): void {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, { ...extra, 'X-Request-Id': id, 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
    if (this.requestLines) this.logLine(req, res, status, started);
  }

  /** The request line pino-http writes for the full pipeline, with the same serializers and levels. */
  private logLine(req: IncomingMessage, res: ServerResponse, status: number, started: number): void {
    const root = PinoLogger.root;
    if (!root) return;
    const detail = { req, res, responseTime: Date.now() - started };
    if (status >= 500) root.error(detail, `${req.method} ${status}`);
    else root.info(detail, `${req.method} ${status}`);
  }
}

/** Whether the Accept header asks for JSON first, as `negotiate` reads it (no CSV or XML before it). */
function acceptsJson(accept: string): boolean {
  for (const item of accept.split(',')) {
    const type = item.split(';')[0]!.trim().toLowerCase();
    if (type === '' || type === '*/*' || type === 'application/*' || type === 'application/json' || type.endsWith('+json')) return true;
    if (type === 'application/xml' || type === 'text/xml' || type === 'text/csv') return false;
  }
  return false;
}

/** No repeated, bracketed or prototype keys (the full pipeline's 400s), and no other output format. */
function plainQuery(query: ParsedUrlQuery): boolean {
  for (const key in query) {
    if (FORBIDDEN_KEYS.has(key) || key.includes('[') || typeof query[key] !== 'string') return false;
    if (key === 'accept' || key === 'file') return false;
  }
  return true;
}

/** Path segments decoded as the router decodes them; undefined when one is malformed. */
function decodeAll(segments: (string | undefined)[]): (string | undefined)[] | undefined {
  try {
    return segments.map((s) => (s === undefined ? undefined : decodeURIComponent(s)));
  } catch {
    return undefined;
  }
}
