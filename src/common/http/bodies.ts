import { AppError } from '../errors';

export type JsonRecord = Record<string, unknown>;

export const NO_RECORDS_MESSAGE =
  "No record(s) detected in request. Please make sure record(s) are wrapped in a 'resource' tag. Example: {\"resource\":[{\"record\":1},{\"record\":2}]}";

function isRecord(value: unknown): value is JsonRecord {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Records of a collection write (API.md 2.5): `{"resource":[…]}` or a bare array. A bare object,
 * an empty list → REQUEST_NO_RECORDS; `resource` that is not a list of objects → REQUEST_INVALID;
 * more than `maxBatch` records → 413 before anything is written.
 * With `optional`, a missing body or an object of options only yields `undefined`.
 */
export function readRecords(body: unknown, maxBatch: number, options: { optional?: boolean } = {}): JsonRecord[] | undefined {
  let list: unknown;
  if (Array.isArray(body)) list = body;
  else if (isRecord(body) && 'resource' in body) list = body.resource;
  else if (options.optional && (body === undefined || body === null || body === '' || isRecord(body))) return undefined;
  else throw new AppError('REQUEST_NO_RECORDS', NO_RECORDS_MESSAGE);
  if (!Array.isArray(list) || !list.every(isRecord)) throw new AppError('REQUEST_INVALID', "The 'resource' value must be a list of objects.");
  if (list.length === 0) {
    if (options.optional) return undefined;
    throw new AppError('REQUEST_NO_RECORDS', NO_RECORDS_MESSAGE);
  }
  if (list.length > maxBatch) throw new AppError('REQUEST_TOO_LARGE', `Batch of ${list.length} records exceeds the limit of ${maxBatch}.`);
  return list as JsonRecord[];
}

/** The body of a single-item call: a bare object; an array or `{"resource":…}` alone → 400 (2.5). */
export function readSingle(body: unknown): JsonRecord {
  if (body === undefined || body === null || body === '') return {};
  if (!isRecord(body)) throw new AppError('REQUEST_INVALID', 'The request body must be a single object for this resource.');
  if ('resource' in body && Object.keys(body).length === 1) {
    throw new AppError('REQUEST_INVALID', 'The request body must be a single object for this resource, not a list.');
  }
  return body;
}
