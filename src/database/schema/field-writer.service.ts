import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors';
import { readRecords, readSingle, type JsonRecord } from '../../common/http/bodies';
import { RequestParams } from '../../common/http/params';
import { APP_CONFIG, type AppConfig } from '../../config';
import type { SqlRunner } from '../engines/runner';
import { findTable, planDropField, planField, type TablePlan } from './ddl/plan';
import type { DdlSession } from './ddl-session';
import { requestedNames, SchemaReader } from './schema-reader.service';
import { batchOptions, SchemaWriter, type WriteVerb } from './schema-writer.service';

type Query = Readonly<Record<string, unknown>>;

/**
 * Field writes of `/_schema/{t}/_field[/{f}]` (API.md 3.13): add or alter (POST, PUT and PATCH
 * are the same here), drop. One field is one unit of work; several follow the batch rules.
 */
@Injectable()
export class FieldWriter {
  constructor(
    private readonly tables: SchemaWriter,
    private readonly reader: SchemaReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async writeFields(serviceName: string, tableName: string, verb: WriteVerb, query: Query, body: unknown): Promise<unknown> {
    const session = await this.tables.session(serviceName);
    const table = (await session.context.schema.table(tableName)).name;
    const params = new RequestParams(query, body);
    const records = readRecords(body, this.config.maxBatchSize) ?? [];
    const written = await this.tables.invalidating(session, () =>
      session.batch(records, batchOptions(params), verb === 'POST' ? 'created' : 'updated', async (record, _i, runner) => ({ name: await this.writeOne(session, runner, table, record) })),
    );
    return { resource: await this.respond(session, table, params, written.map((w) => w.name)) };
  }

  async writeField(serviceName: string, tableName: string, fieldName: string, query: Query, body: unknown): Promise<unknown> {
    const session = await this.tables.session(serviceName);
    const table = (await session.context.schema.table(tableName)).name;
    const record = readSingle(body);
    const name = await this.tables.invalidating(session, () => session.unit((runner) => this.writeOne(session, runner, table, record, fieldName)));
    const [described] = await this.respond(session, table, new RequestParams(query), [name]);
    return described;
  }

  async dropField(serviceName: string, tableName: string, fieldName: string): Promise<unknown> {
    const session = await this.tables.session(serviceName);
    const table = (await session.context.schema.table(tableName)).name;
    await this.tables.invalidating(session, () => session.unit((runner) => this.dropOne(session, runner, table, fieldName)));
    return { success: true };
  }

  async dropFields(serviceName: string, tableName: string, query: Query, body: unknown): Promise<unknown> {
    const session = await this.tables.session(serviceName);
    const table = (await session.context.schema.table(tableName)).name;
    const params = new RequestParams(query, body);
    const names = requestedNames(params, body, this.config.maxBatchSize);
    if (!names || names.length === 0) throw new AppError('REQUEST_INVALID', "No fields given: use 'ids' or a list of records with 'name'.");
    if (names.length > this.config.maxBatchSize) throw new AppError('REQUEST_TOO_LARGE', `Batch of ${names.length} records exceeds the limit of ${this.config.maxBatchSize}.`);
    const dropped = await this.tables.invalidating(session, () =>
      session.batch(names, batchOptions(params), 'deleted', async (name, _i, runner) => ({ name: await this.dropOne(session, runner, table, name) })),
    );
    return { resource: dropped };
  }

  private async current(session: DdlSession, runner: SqlRunner, tableName: string) {
    const ctx = await session.planContext(runner);
    const table = findTable(ctx.tables, tableName);
    if (!table) throw new AppError('TABLE_NOT_FOUND', `Table "${tableName}" does not exist in the database.`);
    return { ctx, table };
  }

  private async writeOne(session: DdlSession, runner: SqlRunner, tableName: string, record: JsonRecord, name?: string): Promise<string> {
    const { ctx, table } = await this.current(session, runner, tableName);
    const field = planField(table, record, ctx, name);
    const plan: TablePlan = { table: table.name, action: 'alter', statements: field.statements, fields: [field], extras: {} };
    await session.apply(runner, plan);
    return field.name;
  }

  private async dropOne(session: DdlSession, runner: SqlRunner, tableName: string, name: string): Promise<string> {
    const { ctx, table } = await this.current(session, runner, tableName);
    const field = planDropField(table, name, ctx);
    await session.apply(runner, { table: table.name, action: 'alter', statements: field.statements, fields: [field], extras: {} });
    return field.name;
  }

  private async respond(session: DdlSession, table: string, params: RequestParams, names: readonly string[]): Promise<unknown[]> {
    if (!params.has('fields')) return names.map((name) => ({ name }));
    return this.reader.describeFields(session.context, await session.context.schema.table(table), names);
  }
}
