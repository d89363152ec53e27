import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { runBatch } from '../../common/batch/batch';
import { AppError } from '../../common/errors';
import { readRecords, readSingle, type JsonRecord } from '../../common/http/bodies';
import { RequestParams } from '../../common/http/params';
import type { Caller } from '../../common/http/request-context';
import { APP_CONFIG, type AppConfig } from '../../config';
import { DIALECTS } from '../../database/dialect';
import type { ResourceDefinition, WriteContext } from './resource-definition';
import { batchOptions, notFound, recordIds, scopeProperties, toId, transactionRunner } from './resource-helpers';
import { ResourceReader, SYSTEM_MAX_RECORDS } from './resource-reader';
import { writeRelated } from './related-writes';

export { notFound } from './resource-helpers';

export interface ResourceRequest {
  readonly caller: Caller;
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: unknown;
}

type Entity = { id: number };
type ChangeKind = 'create' | 'update' | 'delete';

/** The one implementation of the system-resource conventions of API.md 4.1. */
@Injectable()
export class SystemResourceService {
  readonly reader: ResourceReader;
  private readonly listeners: ((resource: string) => void)[] = [];

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const engine = config.systemDb.type;
    this.reader = new ResourceReader(dataSource, DIALECTS[engine]);
  }

  /** Hears about every write request to any system resource, before its own afterChange (caches derived from several resources). */
  onChange(listener: (resource: string) => void): void {
    this.listeners.push(listener);
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
    const runner = transactionRunner(this.dataSource);
    const scope = scopeProperties(this.dataSource, definition);
    const ids = await this.tracked(definition, 'create', request, (touched) => runBatch(records, batchOptions(params), 'created', runner, async (record) => {
      const context = this.context(request, runner.manager());
      const values = await definition.prepareCreate(record, context);
      const audit = { createdById: request.caller.user?.id ?? null, lastModifiedById: request.caller.user?.id ?? null };
      const saved = (await context.manager.getRepository(definition.entity).save({ ...values, ...audit, ...scope } as never)) as unknown as E;
      touched.push(saved.id);
      await writeRelated(definition, saved.id, record, context);
      return saved.id;
    }));
    return { resource: await this.respond(definition, ids, params, request.query) };
  }

  async update<E extends Entity>(definition: ResourceDefinition<E>, id: string, request: ResourceRequest): Promise<JsonRecord> {
    const record = readSingle(request.body);
    const params = new RequestParams(request.query);
    const runner = transactionRunner(this.dataSource);
    const targetId = toId(id);
    await this.tracked(definition, 'update', request, (touched) => runner.transaction(async () => {
      touched.push(targetId);
      await this.updateOne(definition, targetId, record, this.context(request, runner.manager()));
    }));
    return (await this.respond(definition, [targetId], params, request.query))[0]!;
  }

  async updateMany<E extends Entity>(definition: ResourceDefinition<E>, request: ResourceRequest): Promise<{ resource: JsonRecord[] }> {
    const params = new RequestParams(request.query, request.body);
    if (params.has('filter')) throw new AppError('FEATURE_UNSUPPORTED', 'Updating system records by filter is not supported.');
    const records = readRecords(request.body, this.config.maxBatchSize)!;
    const ids = params.list('ids');
    const work: { id: string | undefined; record: JsonRecord }[] = ids
      ? ids.map((id) => ({ id, record: records[0]! }))
      : records.map((record) => ({ id: record.id === undefined || record.id === null ? undefined : String(record.id), record }));
    const runner = transactionRunner(this.dataSource);
    const done = await this.tracked(definition, 'update', request, (touched) => runBatch(work, batchOptions(params), 'updated', runner, async (item, index) => {
      if (item.id === undefined) throw new AppError('VALUE_INVALID', `Required id field(s) not found in record ${index}.`);
      const id = toId(item.id);
      touched.push(id);
      await this.updateOne(definition, id, item.record, this.context(request, runner.manager()));
      return id;
    }));
    return { resource: await this.respond(definition, done, params, request.query) };
  }

  async remove<E extends Entity>(definition: ResourceDefinition<E>, id: string, request: ResourceRequest): Promise<JsonRecord> {
    const params = new RequestParams(request.query);
    const targetId = toId(id);
    const before = await this.respond(definition, [targetId], params, {});
    const runner = transactionRunner(this.dataSource);
    await this.tracked(definition, 'delete', request, (touched) => runner.transaction(async () => {
      await this.removeOne(definition, targetId, this.context(request, runner.manager()));
      touched.push(targetId);
    }));
    return before[0]!;
  }

  async removeMany<E extends Entity>(definition: ResourceDefinition<E>, request: ResourceRequest): Promise<{ resource: JsonRecord[] }> {
    const params = new RequestParams(request.query, request.body);
    if (params.bool('force')) throw new AppError('FEATURE_UNSUPPORTED', 'Forced deletes of system records are not supported.');
    const ids = params.list('ids') ?? recordIds(readRecords(request.body, this.config.maxBatchSize, { optional: true }));
    if (ids === undefined) throw new AppError('REQUEST_INVALID', 'No filter or records given for delete request.');
    const runner = transactionRunner(this.dataSource);
    const done = await this.tracked(definition, 'delete', request, (touched) => runBatch(ids.map(toId), batchOptions(params), 'deleted', runner, async (targetId) => {
      const [output] = await this.respond(definition, [targetId], params, {}, runner.manager());
      await this.removeOne(definition, targetId, this.context(request, runner.manager()));
      touched.push(targetId);
      return output ?? { id: targetId };
    }));
    return { resource: done };
  }

  /** Runs a write and tells the definition which ids it touched, whether or not it failed part-way. */
  private async tracked<E extends Entity, R>(definition: ResourceDefinition<E>, kind: ChangeKind, request: ResourceRequest, work: (touched: number[]) => Promise<R>): Promise<R> {
    const touched: number[] = [];
    let complete = false;
    try {
      const result = await work(touched);
      complete = true;
      return result;
    } finally {
      if (touched.length > 0 || complete) {
        for (const listener of this.listeners) listener(definition.name);
        await definition.afterChange?.(touched, kind, { caller: request.caller, query: request.query, complete });
      }
    }
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

  /** The response of a write: `{id}` (plus the definition's write-response fields) each, or the `fields`/`related` projection re-read. */
  private async respond<E extends Entity>(definition: ResourceDefinition<E>, ids: readonly number[], params: RequestParams, query: Readonly<Record<string, unknown>>, manager?: EntityManager): Promise<JsonRecord[]> {
    const extra = definition.writeResponseFields?.(query) ?? [];
    if (!params.has('fields') && !params.has('related') && extra.length === 0) return ids.map((id) => ({ id }));
    const entities = await this.reader.byIds(definition, ids, manager);
    const dtos = await this.reader.present(definition, entities, params, ['id', ...extra]);
    if (params.has('fields')) dtos.forEach((dto, i) => Object.assign(dto, pick(definition.toDto(entities[i]!), extra)));
    return dtos;
  }

  private context(request: ResourceRequest, manager: EntityManager): WriteContext {
    return { caller: request.caller, manager, query: request.query };
  }
}

function pick(dto: JsonRecord, names: readonly string[]): JsonRecord {
  return Object.fromEntries(names.filter((n) => n in dto).map((n) => [n, dto[n]]));
}
