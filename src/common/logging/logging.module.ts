import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import type { AppConfig } from '../../config';
import { redactUrl } from './redact';

/** Structured JSON logs, one line per request with its id; secrets redacted (API.md 8.1 #14). */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          // Explicit routes: Nest already adds the paths excluded from the global prefix (/health).
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          // Buffered, asynchronous writes to stdout: a synchronous write per request line halved throughput.
          // pino flushes the buffer when the process exits.
          pinoHttp: [{
            level: config.logLevel,
            genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? 'unknown',
            redact: { paths: ['req.headers.authorization', 'req.headers["x-dreamfactory-api-key"]', 'req.headers["x-dreamfactory-session-token"]', 'req.headers.cookie'], censor: '***' },
            serializers: {
              req: (req: IncomingMessage & { id?: string; originalUrl?: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.originalUrl ?? req.url ?? '') }),
              res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
            },
            customSuccessMessage: (req: IncomingMessage, res: ServerResponse) => `${req.method} ${res.statusCode}`,
            customErrorMessage: (req: IncomingMessage, res: ServerResponse) => `${req.method} ${res.statusCode}`,
            // Request lines are info: above that level pino-http has nothing to write, so skip its per-request work.
            autoLogging: config.logLevel === 'info' || config.logLevel === 'debug',
            customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
          }, pino.destination({ dest: 1, sync: false, minLength: 4096 })],
        }),
      ],
    };
  }
}
