import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SecretBox } from '../common/crypto/secret-box';
import { APP_CONFIG, loadOrCreateSecret, type AppConfig } from '../config';
import { JWT_SECRET } from '../auth/session/token.service';
import { ServiceConfigCodec } from '../system/service/service-config';
import { SYSTEM_ENTITIES } from './entities';
import { systemDataSourceOptions } from './system-data-source';

/**
 * The system database (TypeORM, migrations run at start-up, never `synchronize`) and the secrets
 * derived from the storage directory: the JWT secret and the key that encrypts secrets at rest.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ ...systemDataSourceOptions(config.systemDb), migrationsRun: true, retryAttempts: 2, retryDelay: 1000 }),
    }),
    TypeOrmModule.forFeature(SYSTEM_ENTITIES),
  ],
  providers: [
    { provide: JWT_SECRET, inject: [APP_CONFIG], useFactory: (c: AppConfig) => loadOrCreateSecret(c.storageDir, 'jwt-secret', 48, c.jwtSecret) },
    { provide: SecretBox, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new SecretBox(loadOrCreateSecret(c.storageDir, 'app-key', 32, c.appKey)) },
    { provide: ServiceConfigCodec, inject: [SecretBox], useFactory: (box: SecretBox) => new ServiceConfigCodec(box) },
  ],
  exports: [TypeOrmModule, JWT_SECRET, SecretBox, ServiceConfigCodec],
})
export class SystemDbModule {}
