import { Module } from '@nestjs/common';
import { LookupDefinitionHolder } from './lookup.definition';

/** Lookup records as related resources of users and apps (lookup_by_user_id, lookup_by_app_id). */
@Module({
  providers: [LookupDefinitionHolder],
  exports: [LookupDefinitionHolder],
})
export class LookupModule {}
