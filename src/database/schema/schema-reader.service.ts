import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '../../auth/access/access.service';
import { AppError } from '../../common/errors';
import { readRecords } from '../../common/http/bodies';
import { RequestParams } from '../../common/http/params';
import type { Caller } from '../../common/http/request-context';
import { VERB_BITS, type Verb } from '../../auth/access/access-policy';
import { APP_CONFIG, type AppConfig } from '../../config';
import { DataPlane, type ServiceContext } from '../data-plane.service';
import { findRelationship } from '../relationships/discover';
import { RelationshipService } from '../relationships/relationship.service';
import type { Relationship } from '../relationships/relationship.types';
import { findColumn, type TableSchema } from '../schema-cache/schema.types';
import { fieldNotFound } from './ddl/plan';
import {
  fieldDescriptor, relationshipDescriptor, tableDescriptor, tableSummary, type Descriptor,
} from './descriptors/describe';
import { SchemaExtrasService } from './extras/schema-extras.service';

type Query = Readonly<Record<string, unknown>>;

const SUMMARY_KEYS = new Set(['alias', 'name', 'label', 'description', 'plural', 'is_view']);

const pick = (descriptor: Descriptor, keys: readonly string[]): Descriptor => Object.fromEntries(keys.filter((k) => k in descriptor).map((k) => [k, descriptor[k]]));

export function relationNotFound(table: string): AppError {
  return new AppError('RELATION_NOT_FOUND', `No requested relationships found in table '${table}'.`);
}

/** `ids` from the query or a body, or the `name` of body records (a tunnelled GET or a DELETE). */
export function requestedNames(params: RequestParams, body: unknown, maxBatch: number): string[] | undefined {
  const ids = params.list('ids');
  if (ids) return ids;
  const records = readRecords(body, maxBatch, { optional: true });
  return records?.map((r) => (typeof r.name === 'string' ? r.name : String(r.name ?? '')));
}

/** Reads of `/{service}/_schema` (API.md 3.13, 3.14): lists and descriptors. */
@Injectable()
export class SchemaReader {
  constructor(
    private readonly plane: DataPlane,
    private readonly extras: SchemaExtrasService,
    private readonly relationships: RelationshipService,
    private readonly access: AccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The tables the caller may use under `_schema` (API.md 6.3: listings show only those). */
  async list(serviceName: string, query: Query, body: unknown, caller: Caller): Promise<unknown> {
    const context = await this.plane.context(serviceName);
    const params = new RequestParams(query, body);
    if (params.bool('refresh')) await context.schema.refresh();
    const names = requestedNames(params, body, this.config.maxBatchSize);
    const verbsOf = await this.access.tableVerbs(caller, serviceName);
    if (names) return { resource: await this.describeMany(context, names, (table) => verbMask(verbsOf(table))) };
    const all = await context.schema.tables();
    const visible = await this.access.visible(caller, serviceName, all.map((t) => `_schema/${t.name}`));
    const tables = all.filter((_, i) => visible[i]);
    if (params.bool('as_list')) return { resource: tables.map((t) => t.name) };
    const fields = params.list('fields');
    if (!fields || fields.length === 0) return { resource: tables.map((t) => ({ name: t.name })) };
    if (fields.includes('*')) return { resource: await this.describeMany(context, tables.map((t) => t.name), verbsOf) };
    const extras = await this.extras.forService(context.service.id);
    if (fields.every((f) => SUMMARY_KEYS.has(f))) return { resource: tables.map((t) => pick(tableSummary(t, extras.tables.get(t.name)), fields)) };
    return { resource: (await this.describeMany(context, tables.map((t) => t.name), verbsOf)).map((d) => pick(d, fields)) };
  }

  async describe(serviceName: string, tableName: string, query: Query, caller: Caller): Promise<Descriptor> {
    const context = await this.plane.context(serviceName);
    if (new RequestParams(query).bool('refresh')) await context.schema.refresh();
    const verbsOf = await this.access.tableVerbs(caller, serviceName);
    const [descriptor] = await this.describeMany(context, [tableName], (table) => verbMask(verbsOf(table)));
    return descriptor ?? {};
  }

  /**
   * Table descriptors by name (TABLE_NOT_FOUND for an unknown one). `access` per table: the verb
   * mask (describe, ids) or the verb list (listings), from the caller's role.
   */
  async describeMany(context: ServiceContext, names: readonly string[], accessOf: (table: string) => number | readonly string[]): Promise<Descriptor[]> {
    const tables = await Promise.all(names.map((n) => context.schema.table(n)));
    const [extras, relationships] = await Promise.all([this.extras.forService(context.service.id), this.relationships.forService(context)]);
    return tables.map((table) => tableDescriptor({
      table,
      extras: extras.tables.get(table.name),
      fields: extras.fields.get(table.name),
      relationships: relationships.get(table.name) ?? [],
      serviceId: context.service.id,
      access: accessOf(table.name),
    }));
  }

  async fields(serviceName: string, tableName: string, query: Query, body?: unknown): Promise<unknown> {
    const context = await this.plane.context(serviceName);
    const table = await context.schema.table(tableName);
    const names = requestedNames(new RequestParams(query, body), body, this.config.maxBatchSize);
    return { resource: await this.describeFields(context, table, names ?? table.columns.map((c) => c.name)) };
  }

  async field(serviceName: string, tableName: string, fieldName: string): Promise<Descriptor> {
    const context = await this.plane.context(serviceName);
    const [descriptor] = await this.describeFields(context, await context.schema.table(tableName), [fieldName]);
    return descriptor ?? {};
  }

  /** Field descriptors by name; FIELD_NOT_FOUND when one is unknown. */
  async describeFields(context: ServiceContext, table: TableSchema, names: readonly string[]): Promise<Descriptor[]> {
    const extras = (await this.extras.forService(context.service.id)).fields.get(table.name);
    return names.map((name) => {
      const column = findColumn(table, name);
      if (!column) throw fieldNotFound(table.name);
      return fieldDescriptor(column, extras?.get(column.name));
    });
  }

  async related(serviceName: string, tableName: string, query: Query, body?: unknown): Promise<unknown> {
    const context = await this.plane.context(serviceName);
    const table = await context.schema.table(tableName);
    const all = await this.relationships.forTable(context, table.name);
    const names = requestedNames(new RequestParams(query, body), body, this.config.maxBatchSize);
    const chosen = names ? names.map((n) => this.find(all, n, table.name)) : all;
    return { resource: chosen.map((r) => relationshipDescriptor(r, context.service.id)) };
  }

  async relation(serviceName: string, tableName: string, name: string): Promise<Descriptor> {
    const context = await this.plane.context(serviceName);
    const table = await context.schema.table(tableName);
    return relationshipDescriptor(this.find(await this.relationships.forTable(context, table.name), name, table.name), context.service.id);
  }

  private find(all: readonly Relationship[], name: string, table: string): Relationship {
    const found = findRelationship(all, name);
    if (!found) throw relationNotFound(table);
    return found;
  }
}

/** DreamFactory's access mask: GET 1, POST 2, PUT 4, PATCH 8, DELETE 16 (31 for all). */
function verbMask(verbs: readonly Verb[]): number {
  return verbs.reduce((mask, verb) => mask | VERB_BITS[verb], 0);
}
