import { Module } from '@nestjs/common';
import { DatabaseModule } from '../../database/database.module';
import { SystemCorsModule } from '../cors/cors.module';
import { SystemRoleModule } from '../role/role.module';
import { CacheController } from './cache.controller';

/** `system/cache` (API.md 4.10). */
@Module({
  imports: [DatabaseModule, SystemCorsModule, SystemRoleModule],
  controllers: [CacheController],
})
export class SystemCacheModule {}
