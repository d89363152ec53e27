import { ErrorReason, STATUS_BY_REASON } from './error-codes';

/** Field → messages, a batch context, a request id, or nothing (API.md 2.8). */
export type ErrorContext = Record<string, unknown> | null;

/**
 * The one error type the application throws on purpose. The stage that knows what went wrong
 * throws it (parser → FILTER_SYNTAX, service → RECORD_NOT_FOUND, guard → AUTH_*); the exception
 * filter renders it as the DreamFactory envelope.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly reason: ErrorReason,
    message: string,
    readonly context: ErrorContext = null,
    /** Extra response headers, e.g. Retry-After for 429/503. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS_BY_REASON[reason];
  }

  /** The error object of the envelope, keys in the contract's order. */
  toBody(): ErrorBody {
    return {
      // Batch errors carry DreamFactory's code 1000 with HTTP status 400 (API.md 3.7).
      code: this.reason === 'BATCH_FAILED' ? 1000 : this.status,
      context: this.context,
      message: this.message,
      status_code: this.status,
      reason: this.reason,
    };
  }
}

export interface ErrorBody {
  code: number;
  context: ErrorContext;
  message: string;
  status_code: number;
  reason: ErrorReason;
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
