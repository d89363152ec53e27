import { Logger as NestLogger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { mkdirSync } from 'node:fs';
import type { RequestListener, Server } from 'node:http';
import { AppModule } from './app.module';
import { AllExceptionsFilter, toAppError } from './common/errors/all-exceptions.filter';
import { sendError } from './common/http/error-response';
import { AppLogs } from './common/logging/logging.module';
import type { AppRequest } from './common/http/request-context';
import { ResponseFormatInterceptor } from './common/http/response-format.interceptor';
import { bodyParsers, checkContentType, checkQuery, rejectUnknownMethods, requestId, verbTunnelling } from './common/http/request-pipeline';
import type { AppConfig } from './config';
import { CorsRules } from './system/cors/cors-rules.service';
import { corsMiddleware } from './system/cors/cors.middleware';
import { buildStaticDocument, setupSwagger } from './openapi/static-document';
import { RecordsFastPath } from './database/table/records-fast-path';
import { SERVER_VERSION } from './version';


/**
 * Builds the application: request pipeline (id, CORS and preflight, 405, query checks, bodies, verb tunnelling),
 * prefix /api/v2, the exception filter and the OpenAPI document. Used by main.ts and the tests.
 */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  mkdirSync(config.storageDir, { recursive: true });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bodyParser: false, bufferLogs: true });
  const logs = app.get(AppLogs);
  app.useLogger(logs.nest);
  app.set('trust proxy', config.trustProxy);
  app.set('x-powered-by', false);
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(requestId, ...(logs.requestMiddleware ? [logs.requestMiddleware] : []), corsMiddleware(app.get(CorsRules)), rejectUnknownMethods, checkQuery, checkContentType(), ...bodyParsers(config.bodyLimitBytes), verbTunnelling);
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const appError = toAppError(error, (req as AppRequest).id);
    if (appError.reason === 'REQUEST_TOO_LARGE') {
      sendError(res, { ...appError.toBody(), message: `Request body exceeds ${config.bodyLimitText}.` });
      return;
    }
    if (appError.reason === 'INTERNAL') new NestLogger('Errors').error({ requestId: (req as AppRequest).id, err: error }, 'Unhandled error');
    sendError(res, appError.toBody(), appError.headers);
  });
  app.setGlobalPrefix('api/v2', { exclude: ['health', 'health/ready'] });
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalInterceptors(new ResponseFormatInterceptor());
  setupSwagger(app, () => buildStaticDocument(app as INestApplication, SERVER_VERSION), config.apiDocsUi);
  installFastPath(app.getHttpServer() as Server, app.get(RecordsFastPath));
  return app;
}

/** Puts the fast path for plain record reads in front of Express on the HTTP server. */
function installFastPath(server: Server, fast: RecordsFastPath): void {
  const [express] = server.listeners('request') as RequestListener[];
  if (!express) return;
  server.removeListener('request', express);
  server.on('request', fast.listener(express));
}
