import { Module } from '@nestjs/common';
import { SystemAppModule } from './app/app.module';
import { EnvironmentController } from './environment/environment.controller';
import { IndexController } from './index/index.controller';
import { SystemCoreModule } from './resource/system-core.module';
import { SeedService } from './seed/seed.service';
import { ServiceModule } from './service/service.module';
import { SystemUserModule } from './user/system-user.module';

/** The system service's resources. */
@Module({
  imports: [SystemCoreModule, ServiceModule, SystemUserModule, SystemAppModule],
  controllers: [IndexController, EnvironmentController],
  providers: [SeedService],
})
export class SystemModule {}
