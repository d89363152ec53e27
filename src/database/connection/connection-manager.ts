import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors';
import { APP_CONFIG, type AppConfig } from '../../config';
import { ServiceConfigCodec } from '../../system/service/service-config';
import { ServiceRegistry } from '../../system/service/service-registry.service';
import type { ServiceEntity } from '../../system/service/service.entity';
import { isDatabaseType, type DatabaseServiceType } from '../../system/service-type/service-types';
import { DIALECTS, type Dialect } from '../dialect';
import { dataSourceOptions, type DataServiceConfig } from './data-source-options';

/** How long a failed connection attempt makes further requests fail fast. */
const FAIL_FAST_MS = 2000;
const RETRY_AFTER_SECONDS = '5';

/** Settings of a data service that the data plane reads on every request. */
export interface ServiceSettings {
  readonly maxRecords: number;
  readonly allowUpsert: boolean;
  /** PostgreSQL schema, MySQL database, SQLite 'main'. */
  readonly schema: string;
}

/** One live data service: its pool and per-service state (schema cache, routine catalog …). */
export interface DataService {
  readonly id: number;
  readonly name: string;
  readonly type: DatabaseServiceType;
  readonly dialect: Dialect;
  readonly dataSource: DataSource;
  readonly settings: ServiceSettings;
  /** Per-service caches, owned by the modules that use them; dropped with the pool. */
  readonly state: Map<string, unknown>;
}

interface Entry {
  readonly fingerprint: string;
  ready?: DataService;
  connecting?: Promise<DataService>;
  failedAt?: number;
}

/**
 * One TypeORM DataSource per data service, created on first use, replaced when the service's
 * config changes and destroyed when it is deleted, without a restart. An unreachable database
 * answers 503 with Retry-After for that service only; pool errors never reach the process.
 */
@Injectable()
export class ConnectionManager implements OnApplicationShutdown {
  private readonly logger = new Logger(ConnectionManager.name);
  private readonly entries = new Map<number, Entry>();

  constructor(
    private readonly registry: ServiceRegistry,
    private readonly codec: ServiceConfigCodec,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    registry.onChange(() => void this.reconcile());
  }

  /** The service by name (case-insensitive): SERVICE_NOT_FOUND, SERVICE_INACTIVE, DB_UNAVAILABLE. */
  async get(name: string): Promise<DataService> {
    const service = await this.registry.findByName(name);
    if (!service || !isDatabaseType(service.type)) throw new AppError('SERVICE_NOT_FOUND', `Could not find a service for ${name.slice(0, 64)}`);
    if (!service.isActive) throw new AppError('SERVICE_INACTIVE', `Service ${service.name} is deactivated.`);
    return this.connect(service);
  }

  /** Drops the pool and caches of one service (system/cache, DDL errors, config change). */
  async reset(serviceId: number): Promise<void> {
    const entry = this.entries.get(serviceId);
    this.entries.delete(serviceId);
    await this.destroy(entry);
  }

  async onApplicationShutdown(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(entries.map((entry) => this.destroy(entry)));
  }

  private async connect(service: ServiceEntity): Promise<DataService> {
    const fingerprint = `${service.name}\u0000${service.config ?? ''}`;
    let entry = this.entries.get(service.id);
    if (entry && entry.fingerprint !== fingerprint) {
      await this.reset(service.id);
      entry = undefined;
    }
    if (!entry) {
      entry = { fingerprint };
      this.entries.set(service.id, entry);
    }
    if (entry.ready) return entry.ready;
    if (entry.failedAt !== undefined && Date.now() - entry.failedAt < FAIL_FAST_MS) throw unavailable(service.name);
    entry.connecting ??= this.open(service, entry);
    return entry.connecting;
  }

  private async open(service: ServiceEntity, entry: Entry): Promise<DataService> {
    const type = service.type as DatabaseServiceType;
    const stored = this.codec.decode(service.config);
    const config = { ...stored, type } as DataServiceConfig;
    const dataSource = new DataSource(dataSourceOptions(config, this.config));
    try {
      await dataSource.initialize();
      this.guardPool(dataSource, type);
      const ready: DataService = {
        id: service.id,
        name: service.name,
        type,
        dialect: DIALECTS[type === 'pgsql' ? 'postgres' : type],
        dataSource,
        settings: {
          maxRecords: typeof stored.max_records === 'number' ? stored.max_records : 1000,
          allowUpsert: stored.allow_upsert === true,
          schema: type === 'pgsql' ? String(stored.schema ?? 'public') : type === 'mysql' ? String(stored.database) : 'main',
        },
        state: new Map(),
      };
      entry.ready = ready;
      entry.failedAt = undefined;
      return ready;
    } catch (error) {
      entry.failedAt = Date.now();
      this.logger.warn(`Service '${service.name}' is unreachable (${describe(error)}).`);
      if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
      throw unavailable(service.name);
    } finally {
      entry.connecting = undefined;
    }
  }

  /** Idle-connection errors and per-connection session settings (MariaDB/MySQL statement timeout). */
  private guardPool(dataSource: DataSource, type: DatabaseServiceType): void {
    const driver = dataSource.driver as unknown as { master?: NodeEventEmitter; pool?: NodeEventEmitter };
    const pool = type === 'pgsql' ? driver.master : type === 'mysql' ? driver.pool : undefined;
    if (!pool) return;
    pool.on('error', (error: unknown) => this.logger.warn(`Pool error on a data service: ${describe(error)}`));
    if (type === 'mysql') {
      const seconds = this.config.dbStatementTimeoutMs / 1000;
      pool.on('connection', (connection: unknown) => {
        const conn = connection as { query(sql: string, values: unknown[], callback: (error: unknown) => void): void };
        // MariaDB: max_statement_time (seconds); MySQL: max_execution_time (ms, SELECT only). Whichever exists applies.
        conn.query("SET time_zone = '+00:00'", [], () => undefined);
        conn.query('SET SESSION max_statement_time = ?', [seconds], () => undefined);
        conn.query('SET SESSION max_execution_time = ?', [this.config.dbStatementTimeoutMs], () => undefined);
      });
    }
  }

  /** Drops pools whose service changed or disappeared. */
  private async reconcile(): Promise<void> {
    const services = await this.registry.all().catch(() => undefined);
    if (!services) return;
    const byId = new Map([...services.values()].map((s) => [s.id, s]));
    for (const [id, entry] of [...this.entries]) {
      const service = byId.get(id);
      if (!service || entry.fingerprint !== `${service.name}\u0000${service.config ?? ''}`) await this.reset(id);
    }
  }

  private async destroy(entry: Entry | undefined): Promise<void> {
    const dataSource = entry?.ready?.dataSource;
    if (dataSource?.isInitialized) await dataSource.destroy().catch((error: unknown) => this.logger.warn(`Closing a pool failed: ${describe(error)}`));
  }
}

interface NodeEventEmitter {
  on(event: string, listener: (...args: unknown[]) => void): void;
}

function unavailable(name: string): AppError {
  return new AppError('DB_UNAVAILABLE', `Could not connect to the database of service '${name}'.`, null, { 'Retry-After': RETRY_AFTER_SECONDS });
}

/** The error's code or class, never its message (it may hold connection details). */
function describe(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    return (error as Error).name ?? 'error';
  }
  return 'error';
}
