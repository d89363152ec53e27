import { Module } from '@nestjs/common';
import { EnvironmentController } from './environment/environment.controller';
import { IndexController } from './index/index.controller';
import { SystemCoreModule } from './resource/system-core.module';
import { SeedService } from './seed/seed.service';
import { ServiceModule } from './service/service.module';

/** The system service's resources. */
@Module({
  imports: [SystemCoreModule, ServiceModule],
  controllers: [IndexController, EnvironmentController],
  providers: [SeedService],
})
export class SystemModule {}
