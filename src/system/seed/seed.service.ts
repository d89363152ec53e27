import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { PasswordService } from '../../auth/password.service';
import { APP_CONFIG, type AppConfig, type DatabaseUrl } from '../../config';
import { AppEntity } from '../app/app.entity';
import { ServiceConfigCodec } from '../service/service-config';
import { ServiceEntity } from '../service/service.entity';
import { UserEntity } from '../user/user.entity';

/** The key DreamFactory's admin console sends (API.md 1.3). */
export const ADMIN_CONSOLE_API_KEY = '6498a8ad1beb9d84d63035c5d1120c007fad6de706734db9689f8996707e0f7d';

/** First start (API.md 1.3): runs while no admin exists, in one transaction, so it happens exactly once. */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly codec: ServiceConfigCodec,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const generated = this.config.adminPassword === undefined ? randomBytes(15).toString('base64url').slice(0, 20) : undefined;
    const password = this.config.adminPassword ?? generated!;
    const hash = await this.passwords.hash(password);
    const seeded = await this.dataSource.transaction(async (manager) => {
      if (await manager.exists(UserEntity, { where: { isSysAdmin: true } })) return false;
      await this.seed(manager, hash);
      return true;
    });
    if (seeded && generated) {
      this.logger.warn(`First admin created: ${this.config.adminEmail} / ${generated} (shown once)`);
    } else if (seeded) {
      this.logger.log(`First admin created: ${this.config.adminEmail}`);
    }
  }

  private async seed(manager: EntityManager, passwordHash: string): Promise<void> {
    const email = this.config.adminEmail;
    await manager.insert(UserEntity, {
      name: 'Administrator', username: email, firstName: 'Administrator', lastName: null, email, emailKey: email,
      passwordHash, isActive: true, isSysAdmin: true, isRootAdmin: true, confirmed: true, tokensValidAfter: '0',
      createdById: null, lastModifiedById: null,
    });
    const builtIn = (name: string, label: string, description: string, type: string, config: Record<string, unknown> | null) => ({
      name, label, description, type, isActive: true, mutable: name === 'user', deletable: false,
      config: config ? this.codec.encode(config) : null, createdById: null, lastModifiedById: null,
    });
    await manager.insert(ServiceEntity, builtIn('system', 'System Management', 'Service for managing system resources.', 'system', null));
    await manager.insert(ServiceEntity, builtIn('api_docs', 'Live API Docs', 'API documenting and testing service.', 'swagger', null));
    await manager.insert(ServiceEntity, builtIn('user', 'User Management', 'User session, registration, password and profile', 'user',
      { allow_open_registration: false, open_reg_role_id: null, open_reg_require_confirmation: false }));
    const db = defaultServiceConfig(this.config.defaultDb);
    await manager.insert(ServiceEntity, {
      name: 'db', label: db.label, description: 'Default database', type: db.type, isActive: true, mutable: true, deletable: true,
      config: this.codec.encode(db.config), createdById: null, lastModifiedById: null,
    });
    await manager.insert(AppEntity, {
      name: 'admin', apiKey: ADMIN_CONSOLE_API_KEY, description: 'Default admin application', isActive: true, type: 0,
      url: null, path: null, roleId: null, requiresFullscreen: false, allowFullscreenToggle: true, toggleLocation: 'top',
      createdById: null, lastModifiedById: null,
    });
  }
}

/** The `db` service: SQLite in STORAGE_DIR, or what DEFAULT_DB_URL names (trusted as given). */
export function defaultServiceConfig(url: DatabaseUrl | undefined): { type: string; label: string; config: Record<string, unknown> } {
  if (!url) return { type: 'sqlite', label: 'Local SQLite', config: { database: 'db.sqlite' } };
  if (url.type === 'sqlite') return { type: 'sqlite', label: 'Local SQLite', config: { database: url.path } };
  const server = { host: url.host, port: url.port, database: url.database, username: url.username ?? null, password: url.password ?? null };
  return url.type === 'postgres'
    ? { type: 'pgsql', label: 'PostgreSQL', config: { ...server, schema: url.schema ?? 'public' } }
    : { type: 'mysql', label: 'MySQL', config: server };
}
