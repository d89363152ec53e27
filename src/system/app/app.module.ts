import { Module } from '@nestjs/common';
import { LookupModule } from '../lookup/lookup.module';
import { resourceController } from '../resource/resource.controller';
import { SystemRoleModule } from '../role/role.module';
import { SystemUserModule } from '../user/system-user.module';
import { APP_DEFINITION } from './app-definition.token';
import { AppDefinitionHolder } from './app.definition';

/** `system/app` over the shared system-resource implementation (API.md 4.5). */
@Module({
  imports: [LookupModule, SystemUserModule, SystemRoleModule],
  controllers: [resourceController('app', AppDefinitionHolder, 'App')],
  providers: [AppDefinitionHolder, { provide: APP_DEFINITION, useExisting: AppDefinitionHolder }],
})
export class SystemAppModule {}
