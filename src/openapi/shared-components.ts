import { ERROR_REASONS } from '../common/errors/error-codes';
import type { Response, Schema } from './openapi.types';

/** The credentials of API.md 2.2 as security schemes (7.2). */
export const SECURITY_SCHEMES = {
  ApiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-DreamFactory-API-Key' },
  ApiKeyQuery: { type: 'apiKey', in: 'query', name: 'api_key' },
  SessionTokenHeader: { type: 'apiKey', in: 'header', name: 'X-DreamFactory-Session-Token' },
  SessionTokenQuery: { type: 'apiKey', in: 'query', name: 'session_token' },
  BearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
} as const;

/** Any one of the schemes will do: a list of alternatives. */
export const SECURITY = Object.keys(SECURITY_SCHEMES).map((name) => ({ [name]: [] as string[] }));

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;
const nullableStr = { type: 'string', nullable: true } as const;
const nullableInt = { type: 'integer', nullable: true } as const;
const strings = { type: 'array', items: str } as const;

const errorBody = (overrides: Record<string, Schema> = {}): Schema => ({
  type: 'object',
  required: ['code', 'context', 'message', 'status_code', 'reason'],
  properties: {
    code: { type: 'integer', description: 'The HTTP status, or 1000 for batch errors.' },
    context: { description: 'null; field → messages; a batch object; or {"request_id": …} for 500.' },
    message: str,
    status_code: int,
    reason: { type: 'string', enum: [...ERROR_REASONS] },
    ...overrides,
  },
});

const FIELD_SCHEMA: Schema = {
  type: 'object',
  description: 'Field descriptor (API.md 3.14.2).',
  properties: {
    alias: nullableStr, name: str, label: nullableStr, description: nullableStr, native: { type: 'array', items: {} },
    type: str, db_type: str, length: nullableInt, precision: nullableInt, scale: nullableInt,
    default: { description: 'Typed to the column, or {"expression": …}.' },
    required: bool, allow_null: bool, fixed_length: bool, supports_multibyte: bool, auto_increment: bool,
    is_primary_key: bool, is_unique: bool, is_index: bool, is_foreign_key: bool,
    ref_table: nullableStr, ref_field: nullableStr, ref_on_update: nullableStr, ref_on_delete: nullableStr,
    picklist: { type: 'array', items: str, nullable: true }, validation: { type: 'object', nullable: true, additionalProperties: true },
    db_function: { type: 'string', nullable: true }, is_virtual: bool, is_aggregate: bool,
  },
};

const RELATIONSHIP_SCHEMA: Schema = {
  type: 'object',
  description: 'Relationship descriptor (API.md 3.14.3).',
  properties: {
    alias: nullableStr, name: str, label: nullableStr, description: nullableStr, native: { type: 'array', items: {} },
    type: { type: 'string', enum: ['belongs_to', 'has_one', 'has_many', 'many_many'] }, field: str, is_virtual: bool,
    ref_service_id: nullableInt, ref_table: str, ref_field: str, ref_on_update: nullableStr, ref_on_delete: nullableStr,
    junction_service_id: nullableInt, junction_table: nullableStr, junction_field: nullableStr, junction_ref_field: nullableStr,
    always_fetch: bool, flatten: bool, flatten_drop_prefix: bool,
  },
};

const TABLE_SCHEMA: Schema = {
  type: 'object',
  description: 'Table descriptor (API.md 3.14.1).',
  properties: {
    alias: nullableStr, name: str, label: nullableStr, description: nullableStr, native: { type: 'array', items: {} },
    plural: nullableStr, is_view: bool, primary_key: strings, name_field: nullableStr,
    field: { type: 'array', items: ref('FieldSchema') },
    related: { type: 'array', items: ref('RelationshipSchema') },
    constraints: { type: 'object', additionalProperties: { type: 'object', additionalProperties: true } },
    access: { description: 'Verbs the caller may use: a mask (GET 1, POST 2, PUT 4, PATCH 8, DELETE 16) or a list.', oneOf: [int, strings] },
  },
};

const ROUTINE_SCHEMA: Schema = {
  type: 'object',
  description: 'Stored procedure or function descriptor (API.md 3.16.1).',
  properties: {
    alias: nullableStr, name: str, label: nullableStr, description: nullableStr, native: { type: 'array', items: {} },
    return_type: nullableStr,
    return_schema: { type: 'array', items: { type: 'object', properties: { name: str, type: str, db_type: str } } },
    params: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: str, position: int, param_type: { type: 'string', enum: ['IN', 'OUT', 'INOUT'] }, type: str, db_type: str,
          length: nullableInt, precision: nullableInt, scale: nullableInt, default: nullableStr,
        },
      },
    },
    access: { oneOf: [int, strings] },
  },
};

/** The schemas every document carries (API.md 7.2), by name. */
export const SHARED_SCHEMAS: Readonly<Record<string, Schema>> = {
  Error: { type: 'object', description: 'The error envelope (API.md 2.8).', required: ['error'], properties: { error: errorBody() } },
  BatchError: {
    type: 'object',
    description: 'A batch that did not fully succeed (API.md 3.7): code 1000, per-index results in context.resource.',
    required: ['error'],
    properties: {
      error: errorBody({
        code: { type: 'integer', enum: [1000] },
        context: {
          type: 'object',
          required: ['error', 'resource'],
          properties: {
            error: { type: 'array', items: int, description: 'Indexes (request order) that failed.' },
            resource: { type: 'array', items: {}, description: 'Per index: the success object or an error object.' },
          },
        },
        status_code: { type: 'integer', enum: [400] },
        reason: { type: 'string', enum: ['BATCH_FAILED'] },
      }),
    },
  },
  Success: { type: 'object', required: ['success'], properties: { success: { type: 'boolean', enum: [true] } } },
  Meta: {
    type: 'object',
    description: 'Paging and schema information (API.md 3.3).',
    properties: { count: int, next: int, schema: ref('TableSchema') },
  },
  NameList: {
    type: 'object',
    description: 'Names, or with fields=* descriptors; as_list=true gives bare strings.',
    required: ['resource'],
    properties: {
      resource: { type: 'array', items: { oneOf: [str, { type: 'object', required: ['name'], properties: { name: str }, additionalProperties: true }] } },
    },
  },
  TableSchema: TABLE_SCHEMA,
  FieldSchema: FIELD_SCHEMA,
  RelationshipSchema: RELATIONSHIP_SCHEMA,
  RoutineSchema: ROUTINE_SCHEMA,
};

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad request', 401: 'Missing or invalid credentials', 403: 'Forbidden', 404: 'Not found', 409: 'Conflict',
  413: 'Too large', 429: 'Too many attempts', 503: 'Database unavailable', 504: 'Statement timeout',
};

export const json = (schema: Schema) => ({ 'application/json': { schema } });

/**
 * The error responses of an operation, each with the envelope, and `default`. With `batch`, 400 is
 * either the batch error or a plain error.
 */
export function errorResponses(statuses: readonly number[], options: { batch?: boolean } = {}): Record<string, Response> {
  const out: Record<string, Response> = {};
  for (const status of statuses) {
    const schema = status === 400 && options.batch ? { anyOf: [ref('BatchError'), ref('Error')] } : ref('Error');
    out[String(status)] = { description: STATUS_TEXT[status] ?? 'Error', content: json(schema) };
  }
  out.default = { description: 'Error', content: json(ref('Error')) };
  return out;
}
