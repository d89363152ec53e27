import { Module } from '@nestjs/common';
import { resourceController } from '../resource/resource.controller';
import { GlobalLookupDefinitionHolder } from './global-lookup.definition';
import { LookupModule } from './lookup.module';

/** `system/lookup`: global lookups over the shared system-resource implementation (API.md 4.7). */
@Module({
  imports: [LookupModule],
  controllers: [resourceController('lookup', GlobalLookupDefinitionHolder, 'Lookup')],
  providers: [GlobalLookupDefinitionHolder],
})
export class SystemLookupModule {}
