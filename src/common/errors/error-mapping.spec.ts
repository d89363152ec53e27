import { AppError } from './app-error';
import { toAppError } from './error-mapping';
import { STATUS_BY_REASON } from './error-codes';

class FakeHttpException {
  constructor(private readonly status: number, private readonly response: string | object) {}
  getStatus() { return this.status; }
  getResponse() { return this.response; }
}

describe('toAppError', () => {
  it.each([
    [{ type: 'entity.parse.failed' }, 'REQUEST_BODY_UNPARSABLE', 400],
    [{ type: 'entity.too.large', limit: 10 }, 'REQUEST_TOO_LARGE', 413],
    [{ type: 'charset.unsupported' }, 'REQUEST_UNSUPPORTED_MEDIA_TYPE', 415],
    [Object.assign(new Error('incorrect header check'), { code: 'Z_DATA_ERROR', status: 400, statusCode: 400, expose: true }), 'REQUEST_BODY_UNPARSABLE', 400],
    [Object.assign(new Error('boom'), { code: 'ECONNRESET', status: 400 }), 'INTERNAL', 500],
    [new FakeHttpException(404, 'Cannot GET /x'), 'RESOURCE_NOT_FOUND', 404],
    [new FakeHttpException(405, 'x'), 'REQUEST_METHOD_NOT_ALLOWED', 405],
    [new FakeHttpException(413, 'x'), 'REQUEST_TOO_LARGE', 413],
    [new FakeHttpException(400, { message: ['email must be an email'] }), 'VALUE_INVALID', 400],
    [new FakeHttpException(400, 'Bad'), 'REQUEST_INVALID', 400],
    [new Error('SELECT * FROM secret_table failed'), 'INTERNAL', 500],
    ['a string', 'INTERNAL', 500],
    [null, 'INTERNAL', 500],
  ])('maps %p to %s', (input, reason, status) => {
    const error = toAppError(input, 'req-1');
    expect(error.reason).toBe(reason);
    expect(error.status).toBe(status);
  });

  it('never carries the original message of an unknown error, only the request id', () => {
    const error = toAppError(new Error('password=hunter2 at /srv/app.js:10'), 'req-42');
    expect(error.toBody()).toEqual({ code: 500, context: { request_id: 'req-42' }, message: 'An internal error occurred.', status_code: 500, reason: 'INTERNAL' });
  });

  it('passes AppError through unchanged', () => {
    const original = new AppError('TABLE_NOT_FOUND', 'Table "x" does not exist in the database.');
    expect(toAppError(original, 'r')).toBe(original);
  });

  it('builds a field map for validation messages', () => {
    const error = toAppError(new FakeHttpException(400, { message: ['name should not be empty', 'name must be a string', 'email must be an email'] }), 'r');
    expect(error.context).toEqual({ name: ['name should not be empty', 'name must be a string'], email: ['email must be an email'] });
  });
});

describe('STATUS_BY_REASON', () => {
  it('gives every reason a 4xx or 5xx status', () => {
    for (const status of Object.values(STATUS_BY_REASON)) expect(status >= 400 && status < 600).toBe(true);
  });
});
