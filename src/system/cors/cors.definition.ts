import { Injectable } from '@nestjs/common';
import { Not, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors';
import type { JsonRecord } from '../../common/http/bodies';
import type { FieldDefinition, ResourceDefinition } from '../resource/resource-definition';
import { audit } from '../service/service.definition';
import { hasProblems, invalidData, toBoolean, type Problems } from '../user/user-fields';
import { commaList, DEFAULT_CORS_HEADERS, normalizeOrigin, VERB_ORDER, verbsOf } from './cors-policy';
import { CorsRules } from './cors-rules.service';
import { CorsEntity } from './cors.entity';

const FIELDS: FieldDefinition[] = [
  { name: 'id', type: 'id' }, { name: 'path', type: 'string' }, { name: 'description', type: 'string' }, { name: 'origin', type: 'string' },
  { name: 'header', type: 'string' }, { name: 'exposed_header', type: 'string' }, { name: 'method', type: 'integer' }, { name: 'max_age', type: 'integer' },
  { name: 'supports_credentials', type: 'boolean' }, { name: 'enabled', type: 'boolean' },
  { name: 'created_date', type: 'timestamp' }, { name: 'last_modified_date', type: 'timestamp' },
  { name: 'created_by_id', type: 'integer' }, { name: 'last_modified_by_id', type: 'integer' },
];
const ALL_VERBS = 31;

/** `system/cors` (API.md 4.9): rules stored in the system database, applied by the CORS middleware. */
@Injectable()
export class CorsDefinitionHolder {
  readonly definition: ResourceDefinition<CorsEntity>;

  constructor(rules: CorsRules) {
    this.definition = {
      name: 'cors',
      entity: CorsEntity,
      fields: FIELDS,
      toDto: (c) => ({
        id: c.id, path: c.path, description: c.description, origin: c.origin, header: c.header, exposed_header: c.exposedHeader,
        method: verbsOf(c.method), max_age: c.maxAge, supports_credentials: c.supportsCredentials, enabled: c.enabled, ...audit(c),
      }),
      prepareCreate: async (input, context) => {
        const values = readCors(input, true);
        const complete = { header: DEFAULT_CORS_HEADERS, exposedHeader: null, description: null, method: ALL_VERBS, maxAge: 0, supportsCredentials: false, enabled: true, ...values };
        await check(complete, context.manager, undefined);
        return complete;
      },
      prepareUpdate: async (input, existing, context) => {
        const values = readCors(input, false);
        await check({ ...existing, ...values }, context.manager, existing.id);
        return values;
      },
      afterChange: () => rules.invalidate(),
    };
  }
}

/** `*` with credentials is refused (9 #63); a path is unique. */
async function check(rule: Partial<CorsEntity>, manager: EntityManager, ownId: number | undefined): Promise<void> {
  if (rule.supportsCredentials && commaList(rule.origin).includes('*')) {
    throw invalidData({ supports_credentials: ['Credentials can not be supported for the origin *.'] });
  }
  const others = ownId === undefined ? {} : { id: Not(ownId) };
  if (rule.path !== undefined && (await manager.exists(CorsEntity, { where: { path: rule.path, ...others } }))) {
    throw new AppError('CONFLICT', `A CORS rule for the path '${rule.path}' already exists.`, { path: ['The path has already been taken.'] });
  }
}

/** Reads the keys present in `input` (4.9); `method` as a list of verbs or a verb mask. */
export function readCors(input: JsonRecord, creating: boolean): Partial<CorsEntity> {
  const problems: Problems = {};
  const add = (field: string, message: string) => void (problems[field] ??= []).push(message);
  const out: Partial<CorsEntity> = {};
  const text = (field: string, max: number, required: boolean): string | null | undefined => {
    if (!(field in input)) return required && creating ? void add(field, `The ${field} field is required.`) : undefined;
    const value = input[field];
    if (value === null || value === '') return required ? void add(field, `The ${field} field is required.`) : null;
    if (typeof value !== 'string') return void add(field, `The ${field} must be a string.`);
    if (value.trim().length > max) return void add(field, `The ${field} may not be greater than ${max} characters.`);
    return value.trim();
  };
  const path = text('path', 255, true);
  if (path) out.path = path.replace(/^\/+/, '');
  const description = text('description', 255, false);
  if (description !== undefined) out.description = description;
  const origin = text('origin', 4096, true);
  if (origin) {
    const items = commaList(origin);
    if (items.length === 0 || items.some((item) => item !== '*' && !normalizeOrigin(item))) add('origin', "The origin must be '*' or a comma list of origins such as https://app.example.com.");
    else out.origin = items.join(',');
  }
  const header = text('header', 4096, false);
  if (header !== undefined) out.header = header;
  const exposed = text('exposed_header', 4096, false);
  if (exposed !== undefined) out.exposedHeader = exposed;
  if ('method' in input) {
    const mask = verbMask(input.method);
    if (mask === undefined) add('method', 'The method must be a list of GET, POST, PUT, PATCH, DELETE or a verb mask 0-31.');
    else out.method = mask;
  }
  if ('max_age' in input) {
    const age = typeof input.max_age === 'string' && /^\d{1,9}$/.test(input.max_age) ? Number(input.max_age) : input.max_age;
    if (typeof age === 'number' && Number.isSafeInteger(age) && age >= 0) out.maxAge = age;
    else add('max_age', 'The max_age must be a number of seconds.');
  }
  for (const [field, key] of [['supports_credentials', 'supportsCredentials'], ['enabled', 'enabled']] as const) {
    if (!(field in input)) continue;
    const flag = toBoolean(input[field]);
    if (flag === undefined) add(field, `The ${field} field must be true or false.`);
    else out[key] = flag;
  }
  if (hasProblems(problems)) throw invalidData(problems);
  return out;
}

function verbMask(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value <= ALL_VERBS ? value : undefined;
  const items = typeof value === 'string' ? commaList(value) : Array.isArray(value) ? value : undefined;
  if (!items) return undefined;
  let mask = 0;
  for (const item of items) {
    const index = typeof item === 'string' ? (VERB_ORDER as readonly string[]).indexOf(item.trim().toUpperCase()) : -1;
    if (index < 0) return undefined;
    mask |= 1 << index;
  }
  return mask;
}
