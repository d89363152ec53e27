import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery, type ParsedUrlQuery } from 'node:querystring';
import { AccessService } from '../../auth/access/access.service';
import { readApiKey, readSessionToken } from '../../auth/credentials';
import { ADMIN_ONLY } from '../../auth/decorators/admin-only.decorator';
import { IS_PUBLIC, TOKEN_HANDLING } from '../../auth/decorators/public.decorator';
import { authorize } from '../../auth/guards/access.guard';
import { callerApp } from '../../auth/guards/api-key.guard';
import { VerifiedTokens } from '../../auth/session/verified-tokens';
import { AppError } from '../../common/errors';
import { toAppError } from '../../common/errors/error-mapping';
import { negotiate, renderError } from '../../common/http/formats';
import { AppLogs } from '../../common/logging/logging.module';
import { FORBIDDEN_KEYS, inspectBody, isJsonType, SAFE_REQUEST_ID, tunnelledVerb } from '../../common/http/request-pipeline';
import type { Caller } from '../../common/http/request-context';
import { JsonBytes, type JsonText } from '../../common/values/json-text';
import { APP_CONFIG, type AppConfig } from '../../config';
import { AppDirectory } from '../../system/app/app-directory.service';
import { corsHeaders, selectRule } from '../../system/cors/cors-policy';
import { CorsRules } from '../../system/cors/cors-rules.service';
import { TableController } from './table.controller';
import { TableService, type TableRequest } from './table.service';

/** `/api/v2/{service}/_table/{table}[/{id}]`, exactly as written (other spellings take the full pipeline). */
const RECORDS_PATH = /^\/api\/v2\/([^/?#]+)\/_table\/([^/?#]+)(?:\/([^/?#]+))?$/;
const JSON_TYPE = 'application/json; charset=utf-8';
/** Bodies from this length on are sent as a Buffer (see send). */
const LARGE_BODY_CHARS = 32 * 1024;
/** Verb overrides other than the body's `_method` (request-pipeline's verbTunnelling reads them). */
const OVERRIDE_HEADERS = ['x-http-method-override', 'x-http-method', 'x-method-override'];
const OVERRIDE_PARAMS = ['_method', 'method'];

type Shim = Pick<Request, 'headers' | 'headersDistinct' | 'query' | 'path'>;

interface Target {
  readonly service: string;
  readonly table: string;
  readonly id: string | undefined;
}

/**
 * The records API's plain JSON reads and creates, answered without Express and Nest's per-request
 * machinery (the benchmark's hot paths: about half of a by-id read's CPU went to routing,
 * middleware, request logging and the guard chain).
 *
 * It takes only requests whose every step it performs the same way as the full pipeline:
 * - GET on `/_table/{table}[/{id}]` without a body, and POST on `/_table/{table}` with a JSON body
 *   (UTF-8, not compressed, within BODY_LIMIT) and no verb override other than the body's `_method`;
 * - a JSON response and a query without repeated, bracketed or prototype keys;
 * - a session token (if any) that the session guard verified within the last second.
 * Everything else, and every request when `FAST_RECORDS=false`, goes to Express untouched. The steps
 * are the pipeline's own functions: the CORS rule's response headers, the body shape check and verb
 * tunnelling, the guards (API key → cached session → access policy), the controller's TableService
 * calls, and the exception filter's error mapping and envelope.
 */
@Injectable()
export class RecordsFastPath {
  private readonly logger = new Logger('Errors');
  /** Requests this path answered (tests compare it with the full pipeline). */
  answered = 0;
  private readonly usable: boolean;
  private corsRules?: CorsRules;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tables: TableService,
    private readonly apps: AppDirectory,
    private readonly sessions: VerifiedTokens,
    private readonly access: AccessService,
    private readonly logs: AppLogs,
    private readonly modules: ModuleRef,
    reflector: Reflector,
  ) {
    // The path stands in for these routes only while they carry no auth metadata of their own.
    const proto = TableController.prototype;
    const handlers = [proto.read, proto.readOne, proto.create, proto.update, proto.replace, proto.remove];
    const special = handlers.some((handler) =>
      [IS_PUBLIC, ADMIN_ONLY, TOKEN_HANDLING].some((key) => reflector.getAllAndOverride(key, [handler, TableController]) !== undefined));
    this.usable = config.fastRecords && !special;
  }

  /** Wraps the application's request listener: what this path does not take goes to `next` unchanged. */
  listener(next: RequestListener): RequestListener {
    if (!this.usable) return next;
    return (req, res) => {
      if (!this.take(req, res)) next(req, res);
    };
  }

  private take(req: IncomingMessage, res: ServerResponse): boolean {
    const method = req.method;
    if (method !== 'GET' && method !== 'POST') return false;
    const url = req.url ?? '';
    const mark = url.indexOf('?');
    const path = mark < 0 ? url : url.slice(0, mark);
    const match = RECORDS_PATH.exec(path);
    if (!match) return false;
    const headers = req.headers;
    const query = mark < 0 ? {} : parseQuery(url.slice(mark + 1));
    if (!plainQuery(query) || negotiate({ headers, query } as unknown as Request) !== 'json') return false;
    const length = method === 'POST' ? this.jsonBodyLength(req, query, match[3]) : noBody(req) ? 0 : undefined;
    if (length === undefined) return false;
    const segments = decodeAll(match[1]!, match[2]!, match[3]);
    if (!segments) return false;
    const shim: Shim = { headers, headersDistinct: req.headersDistinct, query, path } as Shim;
    const caller: Caller = {};
    let key: string | undefined;
    try {
      const token = readSessionToken(shim as Request);
      key = readApiKey(shim as Request);
      if (token !== undefined) {
        const session = this.sessions.get(token);
        if (!session) return false;
        caller.user = session.user;
        caller.token = session.token;
      }
    } catch {
      return false;
    }
    const given = headers['x-request-id'];
    const id = typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
    (req as IncomingMessage & { id: string }).id = id;
    this.answered++;
    const started = Date.now();
    const origin = typeof headers.origin === 'string' ? headers.origin : undefined;
    // CORS first, as the middleware does: its headers go on every answer, errors included.
    this.cors(origin, path).then(
      (cors) => (length > 0 ? readJsonBody(req, length) : Promise.resolve(undefined))
        .then((parsed) => this.answer(shim, caller, key, segments, method, parsed))
        .then(
          (text) => this.send(req, res, id, 200, text, started, cors),
          (error: unknown) => this.fail(req, res, id, error, started, cors),
        ),
      (error: unknown) => this.fail(req, res, id, error, started),
    );
    return true;
  }

  /**
   * The length of a POST's JSON body when this path can read it as express.json would (UTF-8, not
   * compressed, within the limit, not chunked) and no override but the body's `_method` applies.
   */
  private jsonBodyLength(req: IncomingMessage, query: ParsedUrlQuery, id: string | undefined): number | undefined {
    const headers = req.headers;
    if (id !== undefined || headers['transfer-encoding'] !== undefined) return undefined;
    if (OVERRIDE_HEADERS.some((name) => headers[name] !== undefined) || OVERRIDE_PARAMS.some((name) => name in query)) return undefined;
    const encoding = headers['content-encoding'];
    if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return undefined;
    const [type = '', ...params] = (headers['content-type'] ?? '').split(';');
    if (type.trim() !== '' && !isJsonType(type.trim().toLowerCase())) return undefined;
    const charset = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('charset='));
    if (charset !== undefined && charset.replace(/^charset="?|"$/g, '') !== 'utf-8') return undefined;
    const length = Number(headers['content-length']);
    return Number.isInteger(length) && length > 0 && length <= this.config.bodyLimitBytes ? length : undefined;
  }

  /** The response headers of the CORS rule for this path and origin (corsMiddleware's, for requests that are not preflights). */
  private async cors(origin: string | undefined, path: string): Promise<Readonly<Record<string, string>> | undefined> {
    if (origin === undefined) return undefined;
    this.corsRules ??= this.modules.get(CorsRules, { strict: false });
    return corsHeaders(selectRule(await this.corsRules.enabled(), path), origin, false);
  }

  /** What the controller does for the route the (possibly tunnelled) verb selects, after the access guard. */
  private async answer(shim: Shim, caller: Caller, key: string | undefined, target: Target, method: string, body: unknown): Promise<JsonText> {
    const problem = inspectBody(body);
    if (problem) throw problem;
    const bodyMethod = method === 'POST' && body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>)._method : undefined;
    const verb = typeof bodyMethod === 'string' ? tunnelledVerb(bodyMethod) : method;
    if (key !== undefined) caller.app = await callerApp(this.apps, key);
    await authorize(this.access, caller, shim.path, verb, false);
    const request: TableRequest = { caller, query: shim.query as Record<string, unknown>, body, method: verb };
    const { service, table, id } = target;
    let result: JsonText | number;
    if (id !== undefined) result = await this.tables.readById(service, table, id, request);
    else if (verb === 'GET') result = await this.tables.read(service, table, request);
    else if (verb === 'POST') result = await this.tables.create(service, table, request);
    else if (verb === 'DELETE') result = await this.tables.remove(service, table, request);
    else result = await this.tables.update(service, table, request);
    return typeof result === 'number' ? String(result) : result;
  }

  private fail(req: IncomingMessage, res: ServerResponse, id: string, error: unknown, started: number, cors?: Readonly<Record<string, string>>): void {
    const appError = toAppError(error, id);
    if (appError.reason === 'INTERNAL') this.logger.error({ requestId: id, err: error }, 'Unhandled error');
    const body = appError.toBody();
    const rendered = renderError(undefined, { error: body });
    const status = body.reason === 'BATCH_FAILED' ? 400 : body.status_code;
    this.send(req, res, id, status, rendered.text, started, cors, appError.headers);
  }

  private send(req: IncomingMessage, res: ServerResponse, id: string, status: number, text: JsonText, started: number, cors: Readonly<Record<string, string>> = {}, extra: Readonly<Record<string, string>> = {}): void {
    if (res.headersSent || res.destroyed) return;
    // A long text goes out as one off-heap buffer: flattened once, here, and dead at once, instead
    // of copied again by the socket while still referenced (a large string that lives through a
    // young collection stays in the old generation until the next full one).
    const body = typeof text === 'string' && text.length >= LARGE_BODY_CHARS ? Buffer.from(text) : text;
    const length = typeof body === 'string' ? Buffer.byteLength(body) : body instanceof JsonBytes ? body.byteLength : body.length;
    res.writeHead(status, { ...cors, ...extra, 'X-Request-Id': id, 'Content-Type': JSON_TYPE, 'Content-Length': length });
    if (body instanceof JsonBytes) {
      // Pieces joined off-heap go out as they are: one writev, no copy into one buffer.
      res.cork();
      for (const piece of body.pieces) res.write(piece);
      // 'finish': the socket is done with the pieces, so their chunks can take the next page.
      res.end(() => body.release());
    } else {
      res.end(body);
    }
    this.logs.requestLine(req, res, started);
  }
}

/**
 * The body as express.json reads it: exactly `length` bytes, a UTF-8 BOM dropped, any JSON value;
 * unreadable or invalid bodies fail with the errors the full pipeline maps them to.
 */
function readJsonBody(req: IncomingMessage, length: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (received !== length) return reject(new AppError('REQUEST_INVALID', 'The request body could not be read.'));
      let text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received)).toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new AppError('REQUEST_BODY_UNPARSABLE', 'Request body is not valid JSON.'));
      }
    });
    const unread = () => reject(new AppError('REQUEST_INVALID', 'The request body could not be read.'));
    req.on('error', unread);
    // A client that goes away mid-body: nothing is answered, but nothing waits for the body forever.
    req.on('close', () => {
      if (!req.complete) unread();
    });
  });
}

function noBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0');
}

/** No repeated, bracketed or prototype keys (the full pipeline's 400s), and no `accept`/`file` (other formats, downloads). */
function plainQuery(query: ParsedUrlQuery): boolean {
  for (const key in query) {
    if (FORBIDDEN_KEYS.has(key) || key.includes('[') || typeof query[key] !== 'string') return false;
    if (key === 'accept' || key === 'file') return false;
  }
  return true;
}

/** Path segments decoded as the router decodes them; undefined when one is malformed. */
function decodeAll(service: string, table: string, id: string | undefined): Target | undefined {
  try {
    return { service: decodeURIComponent(service), table: decodeURIComponent(table), id: id === undefined ? undefined : decodeURIComponent(id) };
  } catch {
    return undefined;
  }
}
