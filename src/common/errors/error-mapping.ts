import { AppError } from './app-error';

/** What Nest's HttpException offers; matched by shape so this file stays free of the framework. */
interface HttpExceptionLike {
  getStatus(): number;
  getResponse(): string | object;
}

function isHttpException(value: unknown): value is HttpExceptionLike {
  return typeof value === 'object' && value !== null && typeof (value as HttpExceptionLike).getStatus === 'function' && typeof (value as HttpExceptionLike).getResponse === 'function';
}

/** Maps framework, body-parser and unknown errors to AppError (API.md 2.7, 2.8). */
export function toAppError(exception: unknown, requestId: string): AppError {
  if (exception instanceof AppError) return exception;
  const bodyParser = bodyParserError(exception);
  if (bodyParser) return bodyParser;
  if (isHttpException(exception)) {
    const status = exception.getStatus();
    if (status === 404) return new AppError('RESOURCE_NOT_FOUND', 'Resource not found.');
    if (status === 405) return new AppError('REQUEST_METHOD_NOT_ALLOWED', 'Method is not allowed.');
    if (status === 413) return new AppError('REQUEST_TOO_LARGE', 'Request body is too large.');
    if (status === 415) return new AppError('REQUEST_UNSUPPORTED_MEDIA_TYPE', 'Unsupported content type.');
    if (status === 400) return validationError(exception);
  }
  return new AppError('INTERNAL', 'An internal error occurred.', { request_id: requestId });
}

function bodyParserError(exception: unknown): AppError | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  if (!('type' in exception)) return streamError(exception);
  const type = (exception as { type?: unknown }).type;
  const limit = (exception as { limit?: unknown }).limit;
  switch (type) {
    case 'entity.parse.failed':
      return new AppError('REQUEST_BODY_UNPARSABLE', 'Request body is not valid JSON.');
    case 'entity.too.large':
      return new AppError('REQUEST_TOO_LARGE', `Request body exceeds ${typeof limit === 'number' ? `${limit} bytes` : 'the limit'}.`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('REQUEST_UNSUPPORTED_MEDIA_TYPE', 'Unsupported content encoding.');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new AppError('REQUEST_INVALID', 'The request body could not be read.');
    default:
      return undefined;
  }
}

/** body-parser passes stream failures (a corrupt gzip or deflate body: zlib's Z_* codes) on as a 400 without a type. */
function streamError(exception: object): AppError | undefined {
  const { status, code } = exception as { status?: unknown; code?: unknown };
  if (status === 400 && typeof code === 'string' && code.startsWith('Z_')) {
    return new AppError('REQUEST_BODY_UNPARSABLE', 'Request body could not be decompressed.');
  }
  return undefined;
}

/** class-validator failures → VALUE_INVALID with a field → messages map. */
function validationError(exception: HttpExceptionLike): AppError {
  const response = exception.getResponse();
  const messages = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : undefined;
  if (Array.isArray(messages)) {
    const context: Record<string, string[]> = {};
    for (const message of messages) {
      const text = String(message);
      const field = text.split(' ')[0] ?? 'request';
      (context[field] ??= []).push(text);
    }
    return new AppError('VALUE_INVALID', 'Invalid data supplied.', context);
  }
  return new AppError('REQUEST_INVALID', 'The request is not valid.');
}
