import { Module, type DynamicModule, type LoggerService } from '@nestjs/common';
import type { RequestHandler } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger as Pino } from 'pino';
import { pinoHttp } from 'pino-http';
import type { AppConfig } from '../../config';
import { redactUrl } from './redact';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Structured JSON logs (API.md 8.1 #14): one pino logger for Nest's own messages and one line per
 * request with its id, secrets redacted. pino and pino-http are used directly rather than through
 * nestjs-pino, whose request-scoped AsyncLocalStorage switched on Node's promise hooks for the whole
 * process: about 10% of the CPU of a by-id read.
 */
export class AppLogs {
  /** Nest's logger (app.useLogger): messages with their context. */
  readonly nest: LoggerService;
  /** pino-http, registered after the request id is set; absent when no request lines are written. */
  readonly requestMiddleware?: RequestHandler;
  private readonly requests: Pino;

  constructor(config: AppConfig) {
    // Buffered, asynchronous writes to stdout: a synchronous write per request line halved throughput.
    // pino flushes the buffer when the process exits.
    const root = pino({ level: config.logLevel }, pino.destination({ dest: 1, sync: false, minLength: 4096 }));
    this.nest = new PinoNestLogger(root);
    const http = pinoHttp({
      logger: root,
      genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? 'unknown',
      redact: { paths: ['req.headers.authorization', 'req.headers["x-dreamfactory-api-key"]', 'req.headers["x-dreamfactory-session-token"]', 'req.headers.cookie'], censor: '***' },
      serializers: {
        req: (req: IncomingMessage & { id?: string; originalUrl?: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.originalUrl ?? req.url ?? '') }),
        res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      },
      customSuccessMessage: (req: IncomingMessage, res: ServerResponse) => `${req.method} ${res.statusCode}`,
      customErrorMessage: (req: IncomingMessage, res: ServerResponse) => `${req.method} ${res.statusCode}`,
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    });
    this.requests = http.logger;
    // Request lines are info: above that level pino-http has nothing to write, so it is not registered.
    if (config.logLevel === 'info' || config.logLevel === 'debug') this.requestMiddleware = http as unknown as RequestHandler;
  }

  /** The line pino-http writes, for requests answered outside Express (RecordsFastPath). */
  requestLine(req: IncomingMessage, res: ServerResponse, started: number): void {
    if (!this.requestMiddleware) return;
    const detail = { req, res, responseTime: Date.now() - started };
    if (res.statusCode >= 500) this.requests.error(detail, `${req.method} ${res.statusCode}`);
    else this.requests.info(detail, `${req.method} ${res.statusCode}`);
  }
}

/**
 * Nest's LoggerService over pino: `logger.log('text')` → `{"context":"Main","msg":"text"}`;
 * `logger.error({ requestId, err }, 'Unhandled error')` merges the object into the line.
 * Nest appends the logger's context as the last parameter (after an error's stack, if any).
 */
class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const rest = [...params];
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const text = rest.find((p): p is string => typeof p === 'string');
    if (message instanceof Error) this.pino[level]({ context, err: message }, text ?? message.message);
    else if (typeof message === 'object' && message !== null) this.pino[level]({ context, ...message }, text);
    else this.pino[level]({ context, ...(text !== undefined ? { stack: text } : {}) }, String(message));
  }
}

@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LoggingModule,
      global: true,
      providers: [{ provide: AppLogs, useValue: new AppLogs(config) }],
      exports: [AppLogs],
    };
  }
}
