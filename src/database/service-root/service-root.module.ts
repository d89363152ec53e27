import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database.module';
import { ServiceRootController } from './service-root.controller';

/** `GET /{service}`: registered after every fixed route (`/system`, `/user`, `/api_docs`), which it would shadow. */
@Module({
  imports: [DatabaseModule],
  controllers: [ServiceRootController],
})
export class ServiceRootModule {}
