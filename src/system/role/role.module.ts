import { Module } from '@nestjs/common';
import { LookupModule } from '../lookup/lookup.module';
import { resourceController } from '../resource/resource.controller';
import { SystemUserModule } from '../user/system-user.module';
import { AccessCacheSync } from './access-cache-sync';
import { RoleAccessDefinitionHolder } from './role-access.definition';
import { RoleDefinitionHolder } from './role.definition';

/** `system/role` and its access rows over the shared system-resource implementation (API.md 4.4). */
@Module({
  imports: [LookupModule, SystemUserModule],
  controllers: [resourceController('role', RoleDefinitionHolder, 'Role')],
  providers: [RoleDefinitionHolder, RoleAccessDefinitionHolder, AccessCacheSync],
  exports: [RoleDefinitionHolder, RoleAccessDefinitionHolder, AccessCacheSync],
})
export class SystemRoleModule {}
