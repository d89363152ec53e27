import { Module } from '@nestjs/common';
import { sessionController } from '../auth/session/session.controller';
import { passwordController } from './password.controller';
import { PasswordFlowService } from './password-flow.service';
import { profileController } from './profile.controller';
import { ProfileService } from './profile.service';
import { RegisterController } from './register.controller';
import { RegistrationService } from './registration.service';
import { UserRootController } from './user-root.controller';
import { UserServiceSettings } from './user-service-settings';

/**
 * The user API (API.md 5): `/user` and its session, register, password and profile resources,
 * plus `/system/admin/password` and `/system/admin/profile`. Imported before the system resources
 * and the data services, whose `/system/admin/{id}` and `/{service}/…` routes would catch these paths.
 */
@Module({
  controllers: [
    UserRootController, sessionController('user'), RegisterController, passwordController('user'), passwordController('admin'),
    profileController('user'), profileController('admin'),
  ],
  providers: [PasswordFlowService, RegistrationService, ProfileService, UserServiceSettings],
})
export class UserApiModule {}
