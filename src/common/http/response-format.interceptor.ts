import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { attachmentName, negotiate, renderValue } from './formats';

/**
 * XML and CSV for every route that returns its value (system resources, the schema API, the user
 * API): the format negotiation of API.md 2.9, which the records API applies itself. JSON stays
 * Nest's; a route that wrote its own response is left alone. Where nothing acceptable was asked for,
 * these routes keep answering JSON (health probes and tools send odd Accept headers).
 */
@Injectable()
export class ResponseFormatInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const format = negotiate(req);
    const file = format ? attachmentName(req, format) : undefined;
    if ((format === undefined || format === 'json') && !file) return next.handle();
    return next.handle().pipe(map((value: unknown) => {
      if (res.headersSent || value === undefined) return value;
      if (file) res.setHeader('Content-Disposition', `attachment; filename="${file}"`);
      const rendered = format ? renderValue(format, value) : undefined;
      if (!rendered) return value;
      res.setHeader('Content-Type', rendered.type);
      return rendered.text;
    }));
  }
}
