import { Injectable } from '@nestjs/common';
import { IsNull, type FindOptionsWhere } from 'typeorm';
import { SecretBox } from '../../common/crypto/secret-box';
import { AppError } from '../../common/errors';
import type { JsonRecord } from '../../common/http/bodies';
import type { FieldDefinition, ResourceDefinition, WriteContext } from '../resource/resource-definition';
import { SECRET_MASK } from '../service/service-config';
import { audit } from '../service/service.definition';
import { toBoolean } from '../user/user-fields';
import { LookupEntity } from './lookup.entity';

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const OWNERS = [['role_id', 'roleId'], ['app_id', 'appId'], ['user_id', 'userId']] as const;

const FIELDS: FieldDefinition[] = [
  { name: 'id', type: 'id' }, { name: 'name', type: 'string' }, { name: 'value', type: 'string', filterable: false },
  { name: 'private', type: 'boolean' }, { name: 'description', type: 'string' }, { name: 'role_id', type: 'integer' },
  { name: 'app_id', type: 'integer' }, { name: 'user_id', type: 'integer' }, { name: 'created_date', type: 'timestamp' },
  { name: 'last_modified_date', type: 'timestamp' }, { name: 'created_by_id', type: 'integer' }, { name: 'last_modified_by_id', type: 'integer' },
];

/**
 * Lookups (API.md 4.7) as the related records `lookup_by_user_id` and `lookup_by_app_id`: values
 * encrypted at rest, private values masked and kept when the mask is written back.
 */
@Injectable()
export class LookupDefinitionHolder {
  readonly definition: ResourceDefinition<LookupEntity>;

  constructor(box: SecretBox) {
    this.definition = {
      name: 'lookup',
      entity: LookupEntity,
      fields: FIELDS,
      toDto: (l) => ({
        id: l.id, name: l.name, value: l.private ? SECRET_MASK : l.value === null ? null : box.decrypt(l.value), private: l.private,
        description: l.description, role_id: l.roleId, app_id: l.appId, user_id: l.userId, ...audit(l),
      }),
      prepareCreate: async (input, context) => {
        const values = read(input, undefined, box);
        if (values.name === undefined) throw new AppError('VALUE_INVALID', 'Invalid data supplied.', { name: ['The name field is required.'] });
        await assertNameFree({ ...values, id: undefined } as Partial<LookupEntity>, context);
        return values;
      },
      prepareUpdate: async (input, existing, context) => {
        const changes = read(input, existing, box);
        await assertNameFree({ ...existing, ...changes }, context);
        return changes;
      },
    };
  }
}

function read(input: JsonRecord, existing: LookupEntity | undefined, box: SecretBox): Partial<LookupEntity> {
  const problems: Record<string, string[]> = {};
  const out: Partial<LookupEntity> = {};
  if ('name' in input) {
    if (typeof input.name === 'string' && NAME.test(input.name)) out.name = input.name;
    else problems.name = ['The name must start with a letter or _ and hold only letters, digits and _ (at most 64).'];
  }
  if ('private' in input) {
    const flag = toBoolean(input.private);
    if (flag === undefined) problems.private = ['The private field must be true or false.'];
    else out.private = flag;
  }
  if ('value' in input) {
    const value = input.value;
    if (value !== null && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') problems.value = ['The value must be a string.'];
    else if (!(existing?.private && value === SECRET_MASK)) out.value = value === null ? null : box.encrypt(String(value));
  }
  if ('description' in input) {
    if (input.description !== null && (typeof input.description !== 'string' || input.description.length > 255)) problems.description = ['The description may hold at most 255 characters.'];
    else out.description = (input.description as string | null) || null;
  }
  for (const [field, key] of OWNERS) {
    if (!(field in input)) continue;
    const value = input[field];
    if (value === null) out[key] = null;
    else if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) out[key] = value;
    else problems[field] = [`The ${field} must be an id or null.`];
  }
  if (Object.keys(problems).length > 0) throw new AppError('VALUE_INVALID', 'Invalid data supplied.', problems);
  return out;
}

/** Names are unique per owner (the same role, app and user ids). */
async function assertNameFree(lookup: Partial<LookupEntity>, context: WriteContext): Promise<void> {
  const where: FindOptionsWhere<LookupEntity> = { name: lookup.name! };
  for (const [, key] of OWNERS) where[key] = lookup[key] ?? IsNull();
  const taken = await context.manager.findOne(LookupEntity, { where });
  if (taken && taken.id !== lookup.id) throw new AppError('CONFLICT', `A lookup named '${lookup.name}' already exists for this owner.`);
}
