import { Inject, Injectable } from '@nestjs/common';
import type { BatchOptions } from '../../common/batch/batch';
import { AppError } from '../../common/errors';
import { readRecords, readSingle, type JsonRecord } from '../../common/http/bodies';
import { RequestParams } from '../../common/http/params';
import { APP_CONFIG, type AppConfig } from '../../config';
import { DataPlane } from '../data-plane.service';
import type { SqlRunner } from '../engines/runner';
import { dropTableStatement } from './ddl/create-table';
import { checkNewName } from './ddl/names';
import { checkNotReferenced, findTable, planNewTable, planTableChanges } from './ddl/plan';
import { DdlSession } from './ddl-session';
import { ALL_ACCESS } from './descriptors/describe';
import { SchemaExtrasService } from './extras/schema-extras.service';
import { requestedNames, SchemaReader } from './schema-reader.service';

type Query = Readonly<Record<string, unknown>>;
export type WriteVerb = 'POST' | 'PUT' | 'PATCH';

export function batchOptions(params: RequestParams): BatchOptions {
  return { continueOnError: params.bool('continue'), rollback: params.bool('rollback') };
}

/**
 * Table writes of `/{service}/_schema` (API.md 3.13): create, merge (POST into an existing table,
 * PATCH), replace (PUT drops unlisted fields) and drop. Each table is one unit of work; several
 * follow the batch rules. The schema cache is invalidated after every write, so the records API
 * sees the change on its next request.
 */
@Injectable()
export class SchemaWriter {
  constructor(
    private readonly plane: DataPlane,
    private readonly extras: SchemaExtrasService,
    private readonly reader: SchemaReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async session(serviceName: string): Promise<DdlSession> {
    return new DdlSession(await this.plane.context(serviceName), this.extras);
  }

  /** POST/PUT/PATCH `/_schema`: every record is a table descriptor. */
  async writeTables(serviceName: string, verb: WriteVerb, query: Query, body: unknown): Promise<unknown> {
    const session = await this.session(serviceName);
    const params = new RequestParams(query, body);
    const records = readRecords(body, this.config.maxBatchSize) ?? [];
    const checkExist = params.bool('check_exist');
    const written = await this.invalidating(session, () =>
      session.batch(records, batchOptions(params), verb === 'POST' ? 'created' : 'updated', async (record, _i, runner) =>
        ({ name: await this.writeOne(session, runner, record.name, record, verb, checkExist) }),
      ),
    );
    return { resource: await this.respond(session, params, written.map((w) => w.name)) };
  }

  /** Runs a write; whatever happened, the next read of the schema re-reads the database. */
  async invalidating<T>(session: DdlSession, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      session.context.schema.invalidate();
    }
  }

  /** POST (merge into an existing table), PATCH (create or merge), PUT (create or replace) `/_schema/{t}`. */
  async writeTable(serviceName: string, tableName: string, verb: WriteVerb, query: Query, body: unknown): Promise<unknown> {
    const session = await this.session(serviceName);
    const params = new RequestParams(query);
    const record = readSingle(body);
    const name = await this.invalidating(session, () =>
      session.unit(async (runner) => {
        if (verb === 'POST' && !findTable(await session.tables(runner), tableName)) {
          throw new AppError('TABLE_NOT_FOUND', `Table "${tableName}" does not exist in the database.`);
        }
        return this.writeOne(session, runner, tableName, record, verb, false);
      }),
    );
    const [described] = await this.respond(session, params, [name]);
    return described;
  }

  private async writeOne(session: DdlSession, runner: SqlRunner, name: unknown, record: JsonRecord, verb: WriteVerb, checkExist: boolean): Promise<string> {
    const ctx = await session.planContext(runner);
    const existing = typeof name === 'string' ? findTable(ctx.tables, name) : undefined;
    if (existing && verb === 'POST' && checkExist) {
      throw new AppError('CONFLICT', `A table with name '${existing.name}' already exists in the database.`);
    }
    if (existing?.isView) throw new AppError('FEATURE_UNSUPPORTED', `View '${existing.name}' cannot be changed through the schema API.`);
    const plan = existing ? planTableChanges(existing, record, ctx, verb === 'PUT') : planNewTable(checkNewName('table', name), record, ctx);
    await session.apply(runner, plan);
    return plan.table;
  }

  /** `{"name":…}` per table, or full descriptors when `fields` is given (any value). */
  private async respond(session: DdlSession, params: RequestParams, names: readonly string[]): Promise<unknown[]> {
    if (!params.has('fields')) return names.map((name) => ({ name }));
    return this.reader.describeMany(session.context, names, () => ALL_ACCESS);
  }

  /** DELETE `/_schema/{t}`. */
  async dropTable(serviceName: string, tableName: string): Promise<unknown> {
    const session = await this.session(serviceName);
    await this.invalidating(session, () => session.unit((runner) => this.dropOne(session, runner, tableName)));
    return { success: true };
  }

  /** DELETE `/_schema?ids=a,b` (or body records). */
  async dropTables(serviceName: string, query: Query, body: unknown): Promise<unknown> {
    const session = await this.session(serviceName);
    const params = new RequestParams(query, body);
    const names = requestedNames(params, body, this.config.maxBatchSize);
    if (!names || names.length === 0) throw new AppError('REQUEST_INVALID', "No tables given: use 'ids' or a list of records with 'name'.");
    if (names.length > this.config.maxBatchSize) throw new AppError('REQUEST_TOO_LARGE', `Batch of ${names.length} records exceeds the limit of ${this.config.maxBatchSize}.`);
    const dropped = await this.invalidating(session, () =>
      session.batch(names, batchOptions(params), 'deleted', async (name, _i, runner) => ({ name: await this.dropOne(session, runner, name) })),
    );
    return { resource: dropped };
  }

  private async dropOne(session: DdlSession, runner: SqlRunner, name: string): Promise<string> {
    const tables = await session.tables(runner);
    const table = findTable(tables, name);
    if (!table) throw new AppError('TABLE_NOT_FOUND', `Table "${name}" does not exist in the database.`);
    checkNotReferenced(tables, table.name);
    const statement = table.isView ? ['DROP VIEW ', ...dropTableStatement(table.name).slice(1)] : dropTableStatement(table.name);
    await session.execute(runner, [statement], table.name);
    session.afterCommit(() => this.extras.remove(session.serviceId, table.name));
    return table.name;
  }
}
