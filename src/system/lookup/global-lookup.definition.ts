import { Injectable } from '@nestjs/common';
import type { JsonRecord } from '../../common/http/bodies';
import type { ResourceDefinition } from '../resource/resource-definition';
import { LookupDefinitionHolder } from './lookup.definition';
import { LookupEntity } from './lookup.entity';

const OWNER_FIELDS = ['role_id', 'app_id', 'user_id'];

/**
 * `system/lookup` (API.md 4.7): the global lookups, i.e. lookup records without an owner. Role,
 * app and user lookups are the same records reached through their owners; here owner keys in a
 * body are ignored, so a global lookup stays global.
 */
@Injectable()
export class GlobalLookupDefinitionHolder {
  readonly definition: ResourceDefinition<LookupEntity>;

  constructor(lookups: LookupDefinitionHolder) {
    const base = lookups.definition;
    this.definition = {
      ...base,
      scope: { role_id: null, app_id: null, user_id: null },
      prepareCreate: (input, context) => base.prepareCreate(withoutOwners(input), context),
      prepareUpdate: (input, existing, context) => base.prepareUpdate(withoutOwners(input), existing, context),
    };
  }
}

function withoutOwners(input: JsonRecord): JsonRecord {
  return Object.fromEntries(Object.entries(input).filter(([key]) => !OWNER_FIELDS.includes(key)));
}
