import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config';
import { ConnectionManager, type DataService } from './connection/connection-manager';
import { createEngine, type Engine } from './engines/engine';
import { detectMysqlFlavor } from './engines/mysql.introspect';
import { queryFn, type Executor } from './engines/executor';
import { SqlRunner } from './engines/runner';
import { executorFromTypeOrm } from './engines/typeorm-executor';
import { SchemaCache } from './schema-cache/schema-cache';

/** Everything a request needs to read and write one data service. */
export interface ServiceContext {
  readonly service: DataService;
  readonly engine: Engine;
  readonly schema: SchemaCache;
  /** Runs on the pool, one statement at a time. */
  readonly runner: SqlRunner;
  /** Runs `work` in one transaction on one connection; rolled back when it throws. */
  transaction<T>(work: (runner: SqlRunner) => Promise<T>): Promise<T>;
}

const STATE_KEY = 'data-plane';

/**
 * Builds (once per pool) the engine, schema cache and runners of a data service. SQLite has one
 * connection: a transaction there holds a per-service gate, so statements of other requests wait
 * instead of joining (and being rolled back with) someone else's transaction.
 */
@Injectable()
export class DataPlane {
  private readonly logger = new Logger(DataPlane.name);

  constructor(
    private readonly connections: ConnectionManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async context(serviceName: string): Promise<ServiceContext> {
    const service = await this.connections.get(serviceName);
    let context = service.state.get(STATE_KEY) as Promise<ServiceContext> | undefined;
    if (!context) {
      context = this.build(service);
      service.state.set(STATE_KEY, context);
      context.catch(() => service.state.delete(STATE_KEY));
    }
    return context;
  }

  private async build(service: DataService): Promise<ServiceContext> {
    const pool = executorFromTypeOrm(service.dataSource);
    const gate = new Gate();
    const poolExecutor: Executor = service.type === 'sqlite' ? gated(pool, gate) : pool;
    const flavor = service.type === 'mysql' ? await detectMysqlFlavor(queryFn(pool)) : undefined;
    const engine = createEngine(service.dialect.name, { schema: service.settings.schema, mysqlFlavor: flavor });
    const schema = new SchemaCache(() => engine.introspect(queryFn(poolExecutor)), {
      ttlMs: this.config.schemaCacheTtlSeconds * 1000,
      onRefreshError: () => this.logger.warn(`Schema refresh of service '${service.name}' failed; the previous schema stays in use.`),
    });
    const runner = new SqlRunner(engine, poolExecutor, {
      context: { service: service.name, statementTimeoutMs: this.config.dbStatementTimeoutMs },
      tables: () => schema.loadedTables(),
      onStaleSchema: () => schema.invalidate(),
    });
    const transaction = async <T>(work: (runner: SqlRunner) => Promise<T>): Promise<T> => {
      const release = service.type === 'sqlite' ? await gate.acquire() : undefined;
      const queryRunner = service.dataSource.createQueryRunner();
      try {
        await queryRunner.connect();
        await queryRunner.startTransaction();
        try {
          const result = await work(runner.withExecutor(executorFromTypeOrm(queryRunner)));
          await queryRunner.commitTransaction();
          return result;
        } catch (error) {
          if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction().catch(() => undefined);
          throw error;
        }
      } finally {
        await queryRunner.release();
        release?.();
      }
    };
    return { service, engine, schema, runner, transaction };
  }
}

/** A FIFO async lock. */
class Gate {
  private tail: Promise<void> = Promise.resolve();
  private held = false;

  get isHeld(): boolean {
    return this.held;
  }

  async acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => next);
    await previous;
    this.held = true;
    return () => {
      this.held = false;
      release();
    };
  }

  /** Waits until no transaction holds the gate. */
  async idle(): Promise<void> {
    while (this.held) await this.tail;
  }
}

/** Pool statements on SQLite wait while another request's transaction is open. */
function gated(executor: Executor, gate: Gate): Executor {
  return {
    engine: executor.engine,
    run: async (sql, name) => {
      if (gate.isHeld) await gate.idle();
      return executor.run(sql, name);
    },
  };
}
