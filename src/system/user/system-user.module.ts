import { Module } from '@nestjs/common';
import { LookupModule } from '../lookup/lookup.module';
import { resourceController } from '../resource/resource.controller';
import { InvitationService } from './invitation.service';
import { UserAppRoleDefinitionHolder } from './user-app-role.definition';
import { AccountDefinitions, AdminDefinitionHolder, UserDefinitionHolder } from './user.definition';

/** `system/user` and `system/admin` over the shared system-resource implementation (API.md 4.6). */
@Module({
  imports: [LookupModule],
  controllers: [resourceController('user', UserDefinitionHolder, 'User'), resourceController('admin', AdminDefinitionHolder, 'Admin')],
  providers: [AccountDefinitions, UserDefinitionHolder, AdminDefinitionHolder, UserAppRoleDefinitionHolder, InvitationService],
  exports: [UserAppRoleDefinitionHolder],
})
export class SystemUserModule {}
