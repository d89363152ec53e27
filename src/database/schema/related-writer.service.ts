import { Inject, Injectable } from '@nestjs/common';
import { runBatch } from '../../common/batch/batch';
import { AppError } from '../../common/errors';
import { readRecords, readSingle, type JsonRecord } from '../../common/http/bodies';
import { RequestParams } from '../../common/http/params';
import { APP_CONFIG, type AppConfig } from '../../config';
import { DataPlane, type ServiceContext } from '../data-plane.service';
import { apiName, findRelationship } from '../relationships/discover';
import { RelationshipService } from '../relationships/relationship.service';
import type { Relationship } from '../relationships/relationship.types';
import { readBoolean } from './ddl/field-input';
import { readRelationshipExtras } from './extras/extras.model';
import { SchemaExtrasService } from './extras/schema-extras.service';
import { readVirtual } from './extras/virtual-input';
import { relationNotFound, requestedNames } from './schema-reader.service';
import { batchOptions, type WriteVerb } from './schema-writer.service';

type Query = Readonly<Record<string, unknown>>;

/** A validated write: `save` stores it, `name` finds its API name afterwards. */
interface RelationWrite {
  /** Id of a virtual relationship being stored. */
  readonly id?: string;
  readonly save: () => Promise<void>;
  /** The API name as far as known before storing (shown in batch errors). */
  readonly provisional: string;
  readonly name: (after: readonly Relationship[]) => string;
}

const NO_TRANSACTION = { transaction: <T>(work: () => Promise<T>) => work() };

/**
 * Relationship writes of `/_schema/{t}/_related[/{r}]` (API.md 3.13): extras of discovered
 * relationships, and virtual relationships (no DDL: both live in the system database). Under
 * `rollback=true` every record is validated before anything is stored.
 */
@Injectable()
export class RelatedWriter {
  constructor(
    private readonly plane: DataPlane,
    private readonly extras: SchemaExtrasService,
    private readonly relationships: RelationshipService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async writeMany(serviceName: string, tableName: string, _verb: WriteVerb, query: Query, body: unknown): Promise<unknown> {
    const context = await this.plane.context(serviceName);
    const table = (await context.schema.table(tableName)).name;
    const params = new RequestParams(query, body);
    const options = batchOptions(params);
    const records = readRecords(body, this.config.maxBatchSize) ?? [];
    const writes: RelationWrite[] = [];
    await runBatch(records, options, 'updated', NO_TRANSACTION, async (record) => {
      const write = await this.prepare(context, table, record, writes);
      if (!options.rollback) await write.save();
      writes.push(write);
      return { name: write.provisional };
    });
    if (options.rollback) for (const write of writes) await write.save();
    const after = await this.relationships.forTable(context, table);
    return { resource: writes.map((w) => ({ name: w.name(after) })) };
  }

  async writeOne(serviceName: string, tableName: string, name: string, body: unknown): Promise<unknown> {
    const context = await this.plane.context(serviceName);
    const table = (await context.schema.table(tableName)).name;
    const write = await this.prepare(context, table, readSingle(body), [], name);
    await write.save();
    return { name: write.name(await this.relationships.forTable(context, table)) };
  }

  async dropOne(serviceName: string, tableName: string, name: string): Promise<unknown> {
    const context = await this.plane.context(serviceName);
    const table = (await context.schema.table(tableName)).name;
    await this.remove(context, table, name);
    return { success: true };
  }

  async dropMany(serviceName: string, tableName: string, query: Query, body: unknown): Promise<unknown> {
    const context = await this.plane.context(serviceName);
    const table = (await context.schema.table(tableName)).name;
    const params = new RequestParams(query, body);
    const names = requestedNames(params, body, this.config.maxBatchSize);
    if (!names || names.length === 0) throw new AppError('REQUEST_INVALID', "No relationships given: use 'ids' or a list of records with 'name'.");
    const removed = await runBatch(names, batchOptions(params), 'deleted', NO_TRANSACTION, async (name) => ({ name: await this.remove(context, table, name) }));
    return { resource: removed };
  }

  private async remove(context: ServiceContext, table: string, name: string): Promise<string> {
    const found = findRelationship(await this.relationships.forTable(context, table), name);
    if (!found) throw relationNotFound(table);
    await this.extras.remove(context.service.id, table, { kind: 'relationship', name: found.isVirtual ? found.source : found.name });
    return apiName(found);
  }

  private async prepare(context: ServiceContext, table: string, record: JsonRecord, earlier: readonly RelationWrite[], pathName?: string): Promise<RelationWrite> {
    const all = await this.relationships.forTable(context, table);
    const requested = pathName ?? (typeof record.name === 'string' ? record.name : typeof record.alias === 'string' ? record.alias : undefined);
    const existing = requested ? findRelationship(all, requested) : undefined;
    const serviceId = context.service.id;
    const label = existing?.name ?? requested ?? 'relationship';
    const makeVirtual = readBoolean(record, 'is_virtual', label, existing?.isVirtual ?? false);
    if (existing && !existing.isVirtual && !makeVirtual) {
      const patch = readRelationshipExtras(record, existing.name);
      return {
        provisional: patch.alias ?? existing.alias ?? existing.name,
        save: () => this.extras.saveRelationship(serviceId, table, existing.name, patch),
        name: (after) => apiName(after.find((r) => !r.isVirtual && r.name === existing.name) ?? existing),
      };
    }
    if (!makeVirtual) throw relationNotFound(table);
    const base = existing?.isVirtual ? existing : undefined;
    const takenIds = [...all.filter((r) => r.isVirtual).map((r) => r.source), ...earlier.flatMap((w) => (w.id ? [w.id] : []))];
    const virtual = readVirtual(record, { table, serviceId, tables: await context.schema.tables(), existing: base, takenIds });
    return {
      id: virtual.id,
      provisional: virtual.alias ?? virtual.id,
      save: () => this.extras.saveVirtual(serviceId, virtual),
      name: (after) => {
        const stored = after.find((r) => r.isVirtual && r.source === virtual.id);
        return stored ? apiName(stored) : (virtual.alias ?? virtual.id);
      },
    };
  }
}
