import { ArgumentsHost, Catch, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { AppRequest } from '../http/request-context';
import { sendError } from '../http/error-response';
import { toAppError } from './error-mapping';

export { toAppError };

/** Renders everything thrown as the DreamFactory envelope; unknown errors become a logged 500. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<AppRequest>();
    const res = http.getResponse<Response>();
    const error = toAppError(exception, req?.id ?? 'unknown');
    if (error.reason === 'INTERNAL') {
      this.logger.error({ requestId: req?.id, err: exception }, 'Unhandled error');
    }
    sendError(res, error.toBody(), error.headers);
  }
}

