import { Logger } from '@nestjs/common';
import { runBatch, type BatchOptions, type BatchVerb } from '../../common/batch/batch';
import { AppError } from '../../common/errors';
import type { ServiceContext } from '../data-plane.service';
import { queryFn } from '../engines/executor';
import type { SqlRunner } from '../engines/runner';
import { findColumn, type TableSchema } from '../schema-cache/schema.types';
import { render } from '../sql/parts';
import type { Statement } from './ddl/create-table';
import { translateDdlError } from './ddl/ddl-errors';
import { findTable, type PlanContext, type TablePlan } from './ddl/plan';
import { canRemember, effectiveType, type ServiceExtras } from './extras/extras.model';
import type { SchemaExtrasService } from './extras/schema-extras.service';

const SQLITE_INDEXES = `SELECT m.name AS table_name, il.name AS index_name, ii.name AS column_name
FROM main.sqlite_schema m JOIN pragma_index_list(m.name, 'main') il JOIN pragma_index_info(il.name, 'main') ii
WHERE m.type = 'table' AND il.origin = 'c'`;

/**
 * One schema write request on one data service: its units of work (a transaction on PostgreSQL
 * and SQLite, whose DDL rolls back; plain statements on MySQL, whose DDL commits by itself), the
 * batch rules of API.md 3.7, DDL execution with error translation, and the extras to store once
 * the database change is committed. The caller invalidates the schema cache when done.
 */
export class DdlSession {
  private static readonly logger = new Logger('SchemaApi');
  private pending: (() => Promise<void>)[] = [];

  constructor(readonly context: ServiceContext, private readonly extras: SchemaExtrasService) {}

  get serviceId(): number {
    return this.context.service.id;
  }

  /** Runs `work` as one unit, then the extras writes it scheduled. */
  async unit<T>(work: (runner: SqlRunner) => Promise<T>): Promise<T> {
    try {
      const result = this.context.service.type === 'mysql' ? await work(this.context.runner) : await this.context.transaction(work);
      const after = this.pending;
      this.pending = [];
      for (const op of after) await op();
      return result;
    } finally {
      this.pending = [];
    }
  }

  /** A batch of items with `continue` / `rollback` (API.md 3.7, 3.13: no `rollback` on MySQL). */
  batch<I, R>(items: readonly I[], options: BatchOptions, verb: BatchVerb, work: (item: I, index: number, runner: SqlRunner) => Promise<R>): Promise<R[]> {
    if (options.rollback && !options.continueOnError && this.context.service.type === 'mysql') {
      throw new AppError('FEATURE_UNSUPPORTED', 'MySQL commits schema changes immediately; rollback=true is not supported for schema writes on this service.');
    }
    let current = this.context.runner;
    const runner = { transaction: <T>(w: () => Promise<T>) => this.unit((r) => ((current = r), w())) };
    return runBatch(items, options, verb, runner, (item, index) => work(item, index, current));
  }

  afterCommit(op: () => Promise<void>): void {
    this.pending.push(op);
  }

  /** The service's tables as `runner` sees them (inside its transaction). */
  tables(runner: SqlRunner): Promise<TableSchema[]> {
    return this.context.engine.introspect(queryFn(runner.executor));
  }

  /** What the planner needs: the live tables, remembered types and (SQLite) droppable indexes. */
  async planContext(runner: SqlRunner): Promise<PlanContext> {
    const [tables, extras] = await Promise.all([this.tables(runner), this.extras.forService(this.serviceId)]);
    const engine = this.context.engine.name;
    const indexes = engine === 'sqlite' ? await queryFn(runner.executor)(SQLITE_INDEXES) : [];
    return {
      engine,
      tables,
      typeOf: (table, column) => effectiveType(column, extras.fields.get(table)?.get(column.name)),
      indexesOf: (table, column) => indexes.filter((r) => r.table_name === table && r.column_name === column).map((r) => String(r.index_name)),
    };
  }

  async execute(runner: SqlRunner, statements: readonly Statement[], table: string): Promise<void> {
    for (const statement of statements) {
      try {
        await runner.executor.run(render(statement, this.context.engine.dialect));
      } catch (error) {
        const translated = translateDdlError(error, this.context.engine, table, this.context.service.name);
        if (!translated) throw error;
        if (translated.logCode) DdlSession.logger.warn(`Schema change of table '${table}' on service '${this.context.service.name}' refused by the database (${translated.logCode}).`);
        throw translated.error;
      }
    }
  }

  /** Runs a plan and schedules its extras: labels and the like, and types discovery cannot report. */
  async apply(runner: SqlRunner, plan: TablePlan): Promise<void> {
    await this.execute(runner, plan.statements, plan.table);
    const after = plan.fields.some((f) => f.action !== 'drop') ? findTable(await this.tables(runner), plan.table) : undefined;
    const { extras, serviceId } = this;
    this.afterCommit(async () => {
      if (plan.action === 'create') await extras.remove(serviceId, plan.table);
      if (Object.keys(plan.extras).length > 0) await extras.saveTable(serviceId, plan.table, plan.extras);
      for (const field of plan.fields) {
        if (field.action === 'drop') {
          await extras.remove(serviceId, plan.table, { kind: 'field', name: field.name });
          continue;
        }
        const column = after ? findColumn(after, field.name) : undefined;
        const remember = field.type && column && canRemember(field.type, column.type) ? field.type : null;
        await extras.saveField(serviceId, plan.table, field.name, { ...field.extras, type: remember, dbType: remember ? (column?.dbType ?? null) : null });
      }
    });
  }

  /** Extras of the service (for descriptors after the write). */
  serviceExtras(): Promise<ServiceExtras> {
    return this.extras.forService(this.serviceId);
  }
}
