import { Module } from '@nestjs/common';
import { EnvironmentController } from './environment/environment.controller';
import { IndexController } from './index/index.controller';
import { SeedService } from './seed/seed.service';

/** The system service's resources. */
@Module({
  controllers: [IndexController, EnvironmentController],
  providers: [SeedService],
})
export class SystemModule {}
