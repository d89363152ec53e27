import { applyDecorators } from '@nestjs/common';
import { ApiDefaultResponse, ApiExtraModels, ApiResponse } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from './error-envelope.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Bad request', 401: 'Missing or invalid credentials', 403: 'Forbidden', 404: 'Not found', 409: 'Conflict',
  413: 'Too large', 415: 'Unsupported media type', 429: 'Too many attempts', 503: 'Database unavailable', 504: 'Statement timeout',
};

/** Documents the error envelope for the given statuses and as the default response. */
export const ApiErrors = (...statuses: number[]) =>
  applyDecorators(
    ApiExtraModels(ErrorEnvelopeDto),
    ...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', type: ErrorEnvelopeDto })),
    ApiDefaultResponse({ description: 'Error', type: ErrorEnvelopeDto }),
  );
