import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { ConfigModule, type AppConfig } from './config';
import { DatabaseModule } from './database/database.module';
import { SchemaModule } from './database/schema/schema.module';
import { ServiceRootModule } from './database/service-root/service-root.module';
import { TableModule } from './database/table/table.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './common/logging/logging.module';
import { MailModule } from './mail/mail.module';
import { OpenApiModule } from './openapi/openapi.module';
import { SystemModule } from './system/system.module';
import { SystemDbModule } from './system-db/system-db.module';
import { UserApiModule } from './user/user-api.module';

/**
 * Imports the feature modules; no providers of its own. Express tries routes in registration
 * order, so the data plane (`/{service}/_table…`, whose second segment is a literal no fixed route
 * uses) comes first for speed; the user API before the system resources (`system/admin/{id}`);
 * `GET /{service}`, which would shadow `/system`, `/user` and `/api_docs`, comes last.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), LoggingModule.forRoot(config), SystemDbModule, MailModule, AuthModule, HealthModule, TableModule, SchemaModule, OpenApiModule, DatabaseModule, UserApiModule, SystemModule, ServiceRootModule],
    };
  }
}
