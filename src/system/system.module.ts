import { Module } from '@nestjs/common';
import { UserServiceSettings } from '../user/user-service-settings';
import { SystemAppModule } from './app/app.module';
import { SystemCacheModule } from './cache/cache.module';
import { SystemCorsModule } from './cors/cors.module';
import { EnvironmentController } from './environment/environment.controller';
import { IndexController } from './index/index.controller';
import { SystemLookupModule } from './lookup/system-lookup.module';
import { SystemCoreModule } from './resource/system-core.module';
import { SystemRoleModule } from './role/role.module';
import { SeedService } from './seed/seed.service';
import { ServiceTypeController } from './service-type/service-type.controller';
import { ServiceModule } from './service/service.module';
import { SystemUserModule } from './user/system-user.module';

/** The system service's resources. */
@Module({
  imports: [SystemCoreModule, ServiceModule, SystemUserModule, SystemRoleModule, SystemAppModule, SystemLookupModule, SystemCorsModule, SystemCacheModule],
  controllers: [IndexController, EnvironmentController, ServiceTypeController],
  providers: [SeedService, UserServiceSettings],
})
export class SystemModule {}
