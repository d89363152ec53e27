import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { ConfigModule, type AppConfig } from './config';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './common/logging/logging.module';
import { SystemModule } from './system/system.module';
import { SystemDbModule } from './system-db/system-db.module';

/** Imports the feature modules; no providers of its own. Static routes come before per-service routes. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), LoggingModule.forRoot(config), SystemDbModule, AuthModule, HealthModule, SystemModule, DatabaseModule],
    };
  }
}
