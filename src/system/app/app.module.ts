import { Module } from '@nestjs/common';
import { LookupModule } from '../lookup/lookup.module';
import { resourceController } from '../resource/resource.controller';
import { SystemUserModule } from '../user/system-user.module';
import { AppDefinitionHolder } from './app.definition';

/** `system/app` over the shared system-resource implementation (API.md 4.5). */
@Module({
  imports: [LookupModule, SystemUserModule],
  controllers: [resourceController('app', AppDefinitionHolder, 'App')],
  providers: [AppDefinitionHolder],
})
export class SystemAppModule {}
