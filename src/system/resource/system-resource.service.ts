import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { runBatch, type BatchRunner } from '../../common/batch/batch';
import { AppError } from '../../common/errors';
import { readRecords, readSingle, type JsonRecord } from '../../common/http/bodies';
import { RequestParams } from '../../common/http/params';
import type { Caller } from '../../common/http/request-context';
import { APP_CONFIG, type AppConfig } from '../../config';
import { DIALECTS } from '../../database/dialect';
import type { ResourceDefinition, WriteContext } from './resource-definition';
import { ResourceReader, SYSTEM_MAX_RECORDS } from './resource-reader';
import { writeRelated } from './related-writes';

export interface ResourceRequest {
  readonly caller: Caller;
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: unknown;
}

type Entity = { id: number };

/** The one implementation of the system-resource conventions of API.md 4.1. */
@Injectable()
export class SystemResourceService {
  readonly reader: ResourceReader;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const engine = config.systemDb.type;
    this.reader = new ResourceReader(dataSource, DIALECTS[engine]);
  }

  async list<E extends Entity>(definition: ResourceDefinition<E>, request: ResourceRequest): Promise<unknown> {
    const params = new RequestParams(request.query, request.body);
    const ids = params.list('ids') ?? recordIds(readRecords(request.body, SYSTEM_MAX_RECORDS, { optional: true }));
    if (ids !== undefined) return this.readByIds(definition, ids.map(toId), params);
    const requested = params.int('limit', { allowNegative: true });
    const clamped = requested === undefined || requested <= 0 || requested > SYSTEM_MAX_RECORDS;
    const limit = clamped ? SYSTEM_MAX_RECORDS : requested;
    const offset = params.int('offset') ?? 0;
    const countOnly = params.bool('count_only');
    const includeCount = params.bool('include_count');
    const page = await this.reader.page(definition, params, undefined, { limit: countOnly ? 1 : limit, offset: countOnly ? 0 : offset, count: countOnly || includeCount || clamped });
    if (countOnly) return page.total ?? 0;
    if (params.bool('as_list')) return { resource: page.ids };
    const resource = await this.reader.present(definition, await this.reader.byIds(definition, page.ids), params);
    const total = page.total ?? 0;
    const meta: Record<string, number> = {};
    if (includeCount || (clamped && total > limit)) {
      meta.count = total;
      if (total - offset > limit) meta.next = offset + limit;
    }
    return Object.keys(meta).length > 0 ? { resource, meta } : { resource };
  }

  async get<E extends Entity>(definition: ResourceDefinition<E>, id: string, request: ResourceRequest): Promise<JsonRecord> {
    const entity = await this.find(definition, toId(id));
    const [dto] = await this.reader.present(definition, [entity], new RequestParams(request.query));
    return dto!;
  }

  async create<E extends Entity>(definition: ResourceDefinition<E>, request: ResourceRequest): Promise<{ resource: JsonRecord[] }> {
    const records = readRecords(request.body, this.config.maxBatchSize)!;
    const params = new RequestParams(request.query, request.body);
    const runner = this.runner();
    const ids = await runBatch(records, batchOptions(params), 'created', runner, async (record) => {
      const context = this.context(request, runner.manager());
      const values = await definition.prepareCreate(record, context);
      const audit = { createdById: request.caller.user?.id ?? null, lastModifiedById: request.caller.user?.id ?? null };
      const saved = (await context.manager.getRepository(definition.entity).save({ ...values, ...audit } as never)) as unknown as E;
      await writeRelated(definition, saved.id, record, context);
      return saved.id;
    });
    await definition.afterChange?.(ids, 'create');
    return { resource: await this.respond(definition, ids, params) };
  }

  async update<E extends Entity>(definition: ResourceDefinition<E>, id: string, request: ResourceRequest): Promise<JsonRecord> {
    const record = readSingle(request.body);
    const params = new RequestParams(request.query);
    const runner = this.runner();
    const targetId = toId(id);
    await runner.transaction(() => this.updateOne(definition, targetId, record, this.context(request, runner.manager())));
    await definition.afterChange?.([targetId], 'update');
    return (await this.respond(definition, [targetId], params))[0]!;
  }

  async updateMany<E extends Entity>(definition: ResourceDefinition<E>, request: ResourceRequest): Promise<{ resource: JsonRecord[] }> {
    const params = new RequestParams(request.query, request.body);
    if (params.has('filter')) throw new AppError('FEATURE_UNSUPPORTED', 'Updating system records by filter is not supported.');
    const records = readRecords(request.body, this.config.maxBatchSize)!;
    const ids = params.list('ids');
    const work: { id: string | undefined; record: JsonRecord }[] = ids
      ? ids.map((id) => ({ id, record: records[0]! }))
      : records.map((record) => ({ id: record.id === undefined || record.id === null ? undefined : String(record.id), record }));
    const runner = this.runner();
    const done = await runBatch(work, batchOptions(params), 'updated', runner, async (item, index) => {
      if (item.id === undefined) throw new AppError('VALUE_INVALID', `Required id field(s) not found in record ${index}.`);
      const id = toId(item.id);
      await this.updateOne(definition, id, item.record, this.context(request, runner.manager()));
      return id;
    });
    await definition.afterChange?.(done, 'update');
    return { resource: await this.respond(definition, done, params) };
  }

  async remove<E extends Entity>(definition: ResourceDefinition<E>, id: string, request: ResourceRequest): Promise<JsonRecord> {
    const params = new RequestParams(request.query);
    const targetId = toId(id);
    const before = await this.respond(definition, [targetId], params);
    const runner = this.runner();
    await runner.transaction(() => this.removeOne(definition, targetId, this.context(request, runner.manager())));
    await definition.afterChange?.([targetId], 'delete');
    return before[0]!;
  }

  async removeMany<E extends Entity>(definition: ResourceDefinition<E>, request: ResourceRequest): Promise<{ resource: JsonRecord[] }> {
    const params = new RequestParams(request.query, request.body);
    if (params.bool('force')) throw new AppError('FEATURE_UNSUPPORTED', 'Forced deletes of system records are not supported.');
    const ids = params.list('ids') ?? recordIds(readRecords(request.body, this.config.maxBatchSize, { optional: true }));
    if (ids === undefined) throw new AppError('REQUEST_INVALID', 'No filter or records given for delete request.');
    const runner = this.runner();
    const outputs = new Map<number, JsonRecord>();
    const done = await runBatch(ids.map(toId), batchOptions(params), 'deleted', runner, async (targetId) => {
      const [output] = await this.respond(definition, [targetId], params, runner.manager());
      await this.removeOne(definition, targetId, this.context(request, runner.manager()));
      outputs.set(targetId, output ?? { id: targetId });
      return output ?? { id: targetId };
    });
    await definition.afterChange?.([...outputs.keys()], 'delete');
    return { resource: done };
  }

  private async readByIds<E extends Entity>(definition: ResourceDefinition<E>, ids: number[], params: RequestParams) {
    if (ids.length > 1000) throw new AppError('REQUEST_INVALID', 'Too many ids requested (limit 1000).');
    const entities = await this.reader.byIds(definition, ids);
    const dtos = await this.reader.present(definition, entities, params);
    const byId = new Map(entities.map((e, i) => [e.id, dtos[i]!]));
    const results = await runBatch(ids, batchOptions(params), 'retrieved', { transaction: (work) => work() }, async (id) => {
      const dto = byId.get(id);
      if (!dto) throw notFound(id);
      return dto;
    });
    return { resource: results };
  }

  private async updateOne<E extends Entity>(definition: ResourceDefinition<E>, id: number, record: JsonRecord, context: WriteContext): Promise<void> {
    const existing = await this.find(definition, id, context.manager);
    const changes = await definition.prepareUpdate(record, existing, context);
    const audit = { lastModifiedById: context.caller.user?.id ?? null };
    await context.manager.getRepository(definition.entity).save({ ...existing, ...changes, ...audit } as never);
    await writeRelated(definition, id, record, context);
  }

  private async removeOne<E extends Entity>(definition: ResourceDefinition<E>, id: number, context: WriteContext): Promise<void> {
    const existing = await this.find(definition, id, context.manager);
    await definition.beforeDelete?.(existing, context);
    await context.manager.getRepository(definition.entity).delete(id);
  }

  private async find<E extends Entity>(definition: ResourceDefinition<E>, id: number, manager?: EntityManager): Promise<E> {
    const [entity] = await this.reader.byIds(definition, [id], manager);
    if (!entity) throw notFound(id);
    return entity;
  }

  /** The response of a write: `{id}` each, or the `fields`/`related` projection re-read. */
  private async respond<E extends Entity>(definition: ResourceDefinition<E>, ids: readonly number[], params: RequestParams, manager?: EntityManager): Promise<JsonRecord[]> {
    if (!params.has('fields') && !params.has('related')) return ids.map((id) => ({ id }));
    const entities = await this.reader.byIds(definition, ids, manager);
    return this.reader.present(definition, entities, params, ['id']);
  }

  private context(request: ResourceRequest, manager: EntityManager): WriteContext {
    return { caller: request.caller, manager, query: request.query };
  }

  /** Batch transactions on the system database; nested calls reuse the open transaction. */
  private runner(): BatchRunner & { manager(): EntityManager } {
    let current: EntityManager | undefined;
    return {
      manager: () => current ?? this.dataSource.manager,
      transaction: async (work) => {
        if (current) return work();
        return this.dataSource.transaction(async (manager) => {
          current = manager;
          try {
            return await work();
          } finally {
            current = undefined;
          }
        });
      },
    };
  }
}

export function notFound(id: number | string): AppError {
  return new AppError('RECORD_NOT_FOUND', `Record with identifier '${String(id)}' not found.`);
}

function toId(text: string): number {
  if (!/^\d{1,15}$/.test(text.trim())) throw new AppError('VALUE_INVALID', "Field 'id' must be a valid integer.");
  return Number(text.trim());
}

function recordIds(records: JsonRecord[] | undefined): string[] | undefined {
  if (!records) return undefined;
  return records.map((record) => {
    if (record.id === undefined || record.id === null) throw new AppError('VALUE_INVALID', 'Required id field(s) not found in record.');
    return String(record.id);
  });
}

function batchOptions(params: RequestParams) {
  return { continueOnError: params.bool('continue'), rollback: params.bool('rollback') };
}
