import { Injectable } from '@nestjs/common';
import type { Verb } from '../../auth/access/access-policy';
import { AccessService, tableVerbs, type RequestAccess } from '../../auth/access/access.service';
import { AppError } from '../../common/errors';
import { readRecords, readSingle, type JsonRecord } from '../../common/http/bodies';
import { RequestParams } from '../../common/http/params';
import { isAdmin, type Caller } from '../../common/http/request-context';
import { stringifyJson, type JsonText } from '../../common/values/json-text';
import { APP_CONFIG, type AppConfig } from '../../config';
import { Inject } from '@nestjs/common';
import { SchemaExtrasService } from '../schema/extras/schema-extras.service';
import { defaultLabel, plural } from '../schema/descriptors/describe';
import { withEffectiveTypes } from '../schema/extras/extras.model';
import { DataPlane, type ServiceContext } from '../data-plane.service';
import { RelationshipService } from '../relationships/relationship.service';
import type { ColumnSchema, SimpleType, TableSchema } from '../schema-cache/schema.types';
import { columnField } from '../sql/fields';
import type { Part } from '../sql/parts';
import { keyTuple, MAX_IDS, requestTuples } from './keys';
import { countOnly, readIdList, readMany, readOne, readPage } from './record-reader';
import { NestedWriter, type NestedAccess } from './nested-writer';
import { RecordWriter, type OutputPlan } from './record-writer';
import { keyColumns, primaryKeyColumns, readPlan, type ReadPlan } from './read-plan';
import { relatedPlan } from './related-plan';
import { serviceRelationships, type ServiceRelationships } from './relationships';

export interface TableRequest {
  readonly caller: Caller;
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: unknown;
  /** The effective verb (after tunnelling): PUT or PATCH for updates, whose record filters may differ. */
  readonly method?: string;
}

interface Opened {
  readonly context: ServiceContext;
  readonly table: TableSchema;
  readonly params: RequestParams;
  readonly plan: ReadPlan;
  readonly keys: ColumnSchema[];
  readonly relationships: ServiceRelationships;
  readonly access: RequestAccess;
  /** The role's record filter for this request's verb (API.md 6.6), already inside `plan.where`. */
  readonly roleFilter?: Part[];
}

/** The records API (`/{service}/_table`, API.md 3.2–3.8): modes, options and batch rules. */
@Injectable()
export class TableService {
  private readonly typeCache = new WeakMap<object, { readonly tables: readonly TableSchema[]; readonly typeOf: (column: ColumnSchema) => SimpleType }>();

  constructor(
    private readonly plane: DataPlane,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly relationshipService: RelationshipService,
    private readonly access: AccessService,
    private readonly schemaExtras: SchemaExtrasService,
  ) {}

  /** `GET /_table`: tables and views, sorted by name (3.2). */
  async tables(serviceName: string, request: TableRequest): Promise<string> {
    const context = await this.plane.context(serviceName);
    const params = new RequestParams(request.query);
    if (params.bool('refresh')) await context.schema.refresh();
    let tables = [...(await context.schema.tables())].sort((a, b) => a.name.localeCompare(b.name));
    const ids = params.list('ids');
    if (ids) tables = tables.filter((t) => ids.some((id) => id.toLowerCase() === t.name.toLowerCase()));
    const visible = await this.access.visible(request.caller, serviceName, tables.map((t) => `_table/${t.name}`));
    tables = tables.filter((_, i) => visible[i]);
    if (params.bool('as_list')) return stringifyJson({ resource: tables.map((t) => t.name) });
    const fields = params.list('fields');
    if (fields && fields.length > 0) {
      const verbsOf = await this.access.tableVerbs(request.caller, serviceName);
      return stringifyJson({ resource: tables.map((t) => pick(tableSummary(t, verbsOf(t.name)), fields)) });
    }
    return stringifyJson({ resource: tables.map((t) => ({ name: t.name })) });
  }

  /** GET (and tunnelled GET): by ids, by body records, or a filtered page (3.3). */
  async read(serviceName: string, tableName: string, request: TableRequest): Promise<JsonText | number> {
    const { context, table, params, plan, keys, access } = await this.open(serviceName, tableName, request, 'GET');
    const ids = params.list('ids');
    const records = ids ? undefined : readRecords(request.body, MAX_IDS, { optional: true });
    if (ids || records) {
      const keyed = this.requireKeys(table, keys);
      if (ids && keyed.length > 1) throw new AppError('REQUEST_INVALID', 'Composite keys can not be addressed with ids; use body records or a filter.');
      if ((ids ?? records!).length > MAX_IDS) throw new AppError('REQUEST_INVALID', `Too many ids requested (limit ${MAX_IDS}).`);
      const tuples = requestTuples(keyed, ids, records, context.engine.dialect);
      return readMany(context.runner, table, plan, keyed, tuples, ids ?? tuples.map((t) => t.join(',')), params.bool('continue'));
    }
    if (params.bool('count_only')) return countOnly(context.runner, table, { ...plan, order: [] });
    const requestedLimit = params.int('limit', { allowNegative: true });
    const offset = params.int('offset') ?? 0;
    const maxRecords = context.service.settings.maxRecords;
    if (params.bool('as_list')) {
      const limit = requestedLimit === undefined || requestedLimit <= 0 || requestedLimit > maxRecords ? maxRecords : requestedLimit;
      return readIdList(context.runner, table, plan, this.requireKeys(table, keys), limit, offset);
    }
    return readPage(context.runner, table, plan, {
      requestedLimit, offset, maxRecords, includeCount: params.bool('include_count'),
      schema: params.bool('include_schema') ? tableSummary(table, tableVerbs(access, table.name)) : undefined,
    });
  }

  /** GET /{id}: the bare record or 404. */
  async readById(serviceName: string, tableName: string, id: string, request: TableRequest): Promise<string> {
    const { context, table, plan, keys } = await this.open(serviceName, tableName, request, 'GET');
    const keyed = this.requireKeys(table, keys);
    return readOne(context.runner, table, plan, keyed, keyTuple(keyed, id, context.engine.dialect), id);
  }

  /** POST: create records (3.4). */
  async create(serviceName: string, tableName: string, request: TableRequest): Promise<string> {
    const records = readRecords(request.body, this.config.maxBatchSize)!;
    const opened = await this.open(serviceName, tableName, request, 'POST');
    return (await this.writer(opened, request)).create(records, batchOptions(opened.params), this.output(opened, request, opened.keys));
  }

  /** PUT/PATCH on the collection: by ids, by filter, or by records (3.5). */
  async update(serviceName: string, tableName: string, request: TableRequest): Promise<string> {
    const opened = await this.open(serviceName, tableName, request, updateVerb(request));
    const { context, table, params, plan, keys, roleFilter } = opened;
    const records = readRecords(request.body, this.config.maxBatchSize)!;
    const writer = (await this.writer(opened, request));
    const output = this.output(opened, request, keys);
    const ids = params.list('ids');
    if (ids) {
      const keyed = this.requireKeys(table, keys);
      if (ids.length > MAX_IDS) throw new AppError('REQUEST_INVALID', `Too many ids requested (limit ${MAX_IDS}).`);
      const items = ids.map((id) => ({ record: records[0]!, id: keyTuple(keyed, id, context.engine.dialect) }));
      return writer.update(items, batchOptions(params), { ...output, keys: keyed }, roleFilter);
    }
    if (hasClientFilter(params)) return writer.updateWhere(records[0]!, plan.where!, { ...output, keys: this.requireKeys(table, keys) });
    return writer.update(records.map((record) => ({ record })), batchOptions(params), { ...output, keys: this.requireKeys(table, keys) }, roleFilter);
  }

  /** PUT/PATCH /{id}. */
  async updateById(serviceName: string, tableName: string, id: string, request: TableRequest): Promise<string> {
    const record = readSingle(request.body);
    const opened = await this.open(serviceName, tableName, request, updateVerb(request));
    const keyed = this.requireKeys(opened.table, opened.keys);
    return (await this.writer(opened, request)).updateById(record, keyTuple(keyed, id, opened.context.engine.dialect), this.output(opened, request, keyed), opened.roleFilter);
  }

  /** DELETE on the collection: ids, body records, filter, or `force` (3.6). */
  async remove(serviceName: string, tableName: string, request: TableRequest): Promise<string> {
    const opened = await this.open(serviceName, tableName, request, 'DELETE');
    const { context, table, params, plan, keys, roleFilter } = opened;
    const writer = (await this.writer(opened, request));
    const ids = params.list('ids');
    const records = ids ? undefined : readRecords(request.body, this.config.maxBatchSize, { optional: true });
    if (ids || records) {
      const keyed = this.requireKeys(table, keys);
      const output = this.output(opened, request, keyed);
      const tuples = requestTuples(keyed, ids, records, context.engine.dialect);
      return writer.remove(tuples, ids ?? tuples.map((t) => t.join(',')), batchOptions(params), output, roleFilter);
    }
    const output = this.output(opened, request, primaryKeyColumns(table));
    if (hasClientFilter(params)) return writer.removeWhere(plan.where!, output);
    if (params.bool('force')) {
      // Non-admins delete only the rows inside their record filter, and need one (API.md 3.6, 9 #31).
      if (!isAdmin(request.caller) && !roleFilter) throw new AppError('ACCESS_ADMIN_REQUIRED', 'Access Forbidden. This operation requires an administrator.');
      await writer.removeWhere(roleFilter ?? [], output);
      return '{"success":true}';
    }
    throw new AppError('REQUEST_INVALID', 'No filter or records given for delete request.');
  }

  /** DELETE /{id}. */
  async removeById(serviceName: string, tableName: string, id: string, request: TableRequest): Promise<string> {
    const opened = await this.open(serviceName, tableName, request, 'DELETE');
    const keyed = this.requireKeys(opened.table, opened.keys);
    return (await this.writer(opened, request)).removeById(keyTuple(keyed, id, opened.context.engine.dialect), id, this.output(opened, request, keyed), opened.roleFilter);
  }

  private async open(serviceName: string, tableName: string, request: TableRequest, verb: Verb): Promise<Opened> {
    const intent = verb === 'GET' ? 'read' : 'write';
    const context = await this.plane.context(serviceName);
    const params = new RequestParams(request.query, request.body);
    if (params.bool('rollback') && params.bool('continue')) {
      throw new AppError('REQUEST_INVALID', 'Rollback and continue operations can not be requested at the same time.');
    }
    if (intent === 'read' && params.bool('refresh')) await context.schema.refresh();
    const table = await context.schema.table(tableName);
    const idField = params.list('id_field');
    const keys = idField && idField.length > 0 ? keyColumns(table, idField) : primaryKeyColumns(table);
    if (intent === 'write' && idField && idField.length > 0 && !isIdentifying(table, keys)) {
      throw new AppError('REQUEST_INVALID', 'The id_field must name the primary key or a unique constraint for writes.');
    }
    const relationships = await serviceRelationships(context, this.relationshipService);
    const access = await this.access.forRequest(request.caller, serviceName);
    const roleFilter = access.recordFilter(table, verb, context.engine.dialect);
    const plan = withRelated(readPlan(table, params, { dialect: context.engine.dialect, lookup: access.lookup, roleFilter }, keys), table, request, context, relationships, access);
    return { context, table, params, plan, keys, relationships, access, roleFilter };
  }

  /**
   * Column types with the remembered ones applied (`user_id_on_create`, `timestamp_on_update` on
   * PostgreSQL and SQLite, API.md 3.15.2), so writes fill the automatic columns (3.8).
   */
  private async effectiveTypes(context: ServiceContext): Promise<(column: ColumnSchema) => SimpleType> {
    const extras = await this.schemaExtras.forService(context.service.id);
    const tables = await context.schema.tables();
    // Both answers keep their identity until the schema or the remembered types change.
    const cached = this.typeCache.get(extras);
    if (cached && cached.tables === tables) return cached.typeOf;
    const types = new Map<ColumnSchema, SimpleType>();
    for (const table of tables) {
      const fields = extras.fields.get(table.name);
      if (!fields) continue;
      const effective = withEffectiveTypes(table, fields);
      table.columns.forEach((column, i) => types.set(column, effective.columns[i]?.type ?? column.type));
    }
    const typeOf = (column: ColumnSchema) => types.get(column) ?? column.type;
    this.typeCache.set(extras, { tables, typeOf });
    return typeOf;
  }

  private requireKeys(table: TableSchema, keys: ColumnSchema[]): ColumnSchema[] {
    if (keys.length === 0) return keyColumns(table, undefined);
    return keys;
  }

  /** Key fields, or the `fields`/`related` re-read of the written rows (API.md 3.4–3.6). */
  private output({ context, table, params, relationships, access }: Opened, request: TableRequest, keys: ColumnSchema[]): OutputPlan {
    const reread = params.has('fields') || params.has('related')
      ? withRelated(readPlan(table, new RequestParams({ fields: params.string('fields') ?? '' }), { dialect: context.engine.dialect, lookup: access.lookup }, keys), table, request, context, relationships, access)
      : undefined;
    return { reread, keys, maxRecords: context.service.settings.maxRecords };
  }

  private async writer({ context, table, params, relationships, roleFilter, access }: Opened, request: TableRequest): Promise<RecordWriter> {
    const typeOf = await this.effectiveTypes(context);
    const input = { engine: context.engine, userId: request.caller.user?.id ?? null, typeOf };
    // Nested tables need the verb of each write on themselves, and keep their own record filter (API.md 3.9, 6.6).
    const nestedAccess: NestedAccess = (target, write) => {
      const verb = write === 'read' ? 'GET' : write === 'create' ? 'POST' : write === 'delete' ? 'DELETE' : updateVerb(request);
      const allowed = access.allows(`_table/${target.name}`, verb);
      return { allowed, filter: allowed ? access.recordFilter(target, verb, context.engine.dialect) : undefined };
    };
    return new RecordWriter(context, table, input, new NestedWriter(relationships, input, params.bool('allow_related_delete'), nestedAccess), roleFilter);
  }
}

/**
 * The plan with its related records (API.md 3.12.3): their local keys join the fields (they stay
 * in the output, as in DreamFactory).
 */
function withRelated(plan: ReadPlan, table: TableSchema, request: TableRequest, context: ServiceContext, relationships: ServiceRelationships, access: RequestAccess): ReadPlan {
  // Related tables need GET and carry their own record filter (API.md 3.12.3, 6.6).
  const relatedAccess = (target: TableSchema) => {
    const allowed = access.allows(`_table/${target.name}`, 'GET');
    return { allowed, filter: allowed ? access.recordFilter(target, 'GET', context.engine.dialect) : undefined };
  };
  const related = relatedPlan(table, request.query, {
    ...relationships, maxRecords: context.service.settings.maxRecords, engine: context.engine.name, access: relatedAccess,
  }, { grouped: plan.group !== undefined });
  if (!related) return plan;
  const fields = [...plan.fields];
  for (const column of related.localKeys) {
    if (!fields.some((f) => f.kind === 'column' && f.column === column)) fields.push(columnField(column));
  }
  return { ...plan, fields, related: related.related };
}

/** A by-filter write: the client's own filter, not only the role's (which `plan.where` also holds). */
function hasClientFilter(params: RequestParams): boolean {
  return (params.string('filter') ?? '').trim() !== '';
}

/** PUT and PATCH are both partial updates (3.5); their record filters may still differ. */
function updateVerb(request: TableRequest): Verb {
  return request.method?.toUpperCase() === 'PUT' ? 'PUT' : 'PATCH';
}

function batchOptions(params: RequestParams) {
  return { continueOnError: params.bool('continue'), rollback: params.bool('rollback') };
}

/** Whether these columns are the primary key or a unique constraint. */
function isIdentifying(table: TableSchema, keys: readonly ColumnSchema[]): boolean {
  const names = keys.map((k) => k.name).sort().join(',');
  if ([...table.primaryKey].sort().join(',') === names) return true;
  return table.uniques.some((u) => [...u.columns].sort().join(',') === names) || (keys.length === 1 && keys[0]!.isUnique);
}

/** The table summary of `_table?fields=*` and `meta.schema` (3.14); `access` lists the caller's verbs on its records. */
export function tableSummary(table: TableSchema, access: readonly Verb[]): JsonRecord {
  const label = defaultLabel(table.name);
  return {
    name: table.name, label, plural: plural(label), description: null, is_view: table.isView,
    primary_key: table.primaryKey, access,
  };
}

function pick(record: JsonRecord, fields: readonly string[]): JsonRecord {
  if (fields.includes('*')) return record;
  return Object.fromEntries(fields.filter((f) => f in record).map((f) => [f, record[f]]));
}
