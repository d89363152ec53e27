import { In, IsNull, type DataSource, type EntityManager, type ObjectLiteral } from 'typeorm';
import { AppError } from '../../common/errors';
import type { JsonRecord } from '../../common/http/bodies';
import type { RequestParams } from '../../common/http/params';
import type { Dialect } from '../../database/dialect';
import { render, type Part } from '../../database/sql/parts';
import { plainColumn, type ColumnSchema, type TableSchema } from '../../database/schema-cache/schema.types';
import { buildFilterSql, orderParts, parseOrder, type LookupFn } from '../../filter';
import type { ResourceDefinition } from './resource-definition';

export const SYSTEM_MAX_RECORDS = 1000;

/** Reads of system resources: filtered pages, ids, projections and related rows (API.md 4.1). */
export class ResourceReader {
  private readonly tables = new Map<string, TableSchema>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly dialect: Dialect,
  ) {}

  /** The resource as a table for the filter and order parsers: only its filterable fields. */
  table<E extends { id: number }>(definition: ResourceDefinition<E>): TableSchema {
    let table = this.tables.get(definition.name);
    if (!table) {
      const name = this.dataSource.getMetadata(definition.entity).tableName;
      const columns = definition.fields.filter((f) => f.filterable !== false).map((f) => column(f.name, f.type));
      table = { name, isView: false, columns, primaryKey: ['id'], foreignKeys: [], uniques: [], version: 1 };
      this.tables.set(definition.name, table);
    }
    return table;
  }

  /** Ids of the rows matching filter/order/page, plus the total when asked. */
  async page<E extends { id: number }>(
    definition: ResourceDefinition<E>,
    params: RequestParams,
    lookup: LookupFn | undefined,
    options: { limit: number; offset: number; count: boolean },
  ): Promise<{ ids: number[]; total?: number }> {
    const table = this.table(definition);
    const where: Part[] = [];
    const filter = params.string('filter');
    if (filter !== undefined && filter.trim() !== '') {
      where.push('(', ...buildFilterSql(filter, table, this.dialect, { params: params.object('params'), lookup }), ')');
    }
    for (const [name, value] of Object.entries(definition.scope ?? {})) {
      if (where.length > 0) where.push(' AND ');
      if (value === null) where.push({ ident: name }, ' IS NULL');
      else where.push({ ident: name }, ' = ', { param: typeof value === 'boolean' ? this.dialect.bindBoolean(value) : value });
    }
    const whereParts: Part[] = where.length > 0 ? [' WHERE ', ...where] : [];
    const orderText = params.string('order');
    const order = orderText ? orderParts(parseOrder(orderText, table), this.dialect) : [{ ident: 'id' }, ' ASC'];
    const select: Part[] = ['SELECT ', { ident: 'id' }, ' FROM ', { ident: table.name }, ...whereParts, ' ORDER BY ', ...order,
      ' LIMIT ', { param: options.limit }, ' OFFSET ', { param: options.offset }];
    const rows = await this.run(select);
    const ids = rows.map((row) => Number(row.id));
    if (!options.count) return { ids };
    const counted = await this.run(['SELECT COUNT(*) AS ', { ident: 'n' }, ' FROM ', { ident: table.name }, ...whereParts]);
    return { ids, total: Number(counted[0]?.n ?? 0) };
  }

  /** Entities by id, in the given order; missing ids are left out. */
  async byIds<E extends { id: number }>(definition: ResourceDefinition<E>, ids: readonly number[], manager?: EntityManager): Promise<E[]> {
    if (ids.length === 0) return [];
    const repository = (manager ?? this.dataSource.manager).getRepository(definition.entity);
    const scope = Object.fromEntries(Object.entries(definition.scope ?? {}).map(([c, v]) => [property(this.dataSource, definition, c), v === null ? IsNull() : v]));
    const found = await repository.find({ where: { id: In([...ids]), ...scope } as never });
    const byId = new Map(found.map((e) => [e.id, e]));
    return ids.map((id) => byId.get(id)).filter((e): e is E => e !== undefined);
  }

  /** DTOs with the `fields` projection and the requested relationships. */
  async present<E extends { id: number }>(definition: ResourceDefinition<E>, entities: readonly E[], params: RequestParams, defaultFields?: string[]): Promise<JsonRecord[]> {
    const fields = params.list('fields') ?? defaultFields;
    const known = new Set(definition.fields.map((f) => f.name));
    const projection = fields === undefined || fields.includes('*') ? undefined : fields;
    for (const name of projection ?? []) if (!known.has(name)) throw new AppError('FIELD_UNKNOWN', `Invalid field requested: ${name}`);
    const dtos = entities.map((entity) => {
      const dto = definition.toDto(entity);
      if (!projection) return dto;
      return Object.fromEntries(projection.filter((name) => name in dto).map((name) => [name, dto[name]]));
    });
    await this.attachRelated(definition, entities, dtos, params.list('related') ?? []);
    return dtos;
  }

  private async attachRelated<E extends { id: number }>(definition: ResourceDefinition<E>, entities: readonly E[], dtos: JsonRecord[], names: readonly string[]): Promise<void> {
    const relations = definition.relations ?? [];
    for (const name of names) {
      const relation = relations.find((r) => r.name === name || name === '*');
      if (!relation) throw new AppError('RELATION_UNKNOWN', `Invalid relationship requested: ${name}`);
      const targets = name === '*' ? relations : [relation];
      for (const target of targets) {
        const related = target.target();
        const repository = this.dataSource.getRepository(related.entity);
        if (target.kind === 'belongs_to') {
          const ids = [...new Set(entities.map((e) => (e as ObjectLiteral)[property(this.dataSource, definition, target.column)] as number | null).filter((v): v is number => v !== null))];
          const rows = ids.length ? await repository.find({ where: { id: In(ids) } as never }) : [];
          const byId = new Map(rows.map((r) => [r.id, related.toDto(r)]));
          entities.forEach((e, i) => { dtos[i]![target.name] = byId.get((e as ObjectLiteral)[property(this.dataSource, definition, target.column)] as number) ?? null; });
        } else {
          const childProperty = property(this.dataSource, related, target.column);
          const rows = await repository.find({ where: { [childProperty]: In(entities.map((e) => e.id)) } as never, order: { id: 'ASC' } as never });
          entities.forEach((e, i) => {
            const children = rows.filter((r) => (r as ObjectLiteral)[childProperty] === e.id).map((r) => related.toDto(r));
            dtos[i]![target.name] = target.kind === 'has_one' ? (children[0] ?? null) : children;
          });
        }
      }
    }
  }

  private async run(parts: Part[]): Promise<Record<string, unknown>[]> {
    const { text, params } = render(parts, this.dialect);
    return (await this.dataSource.query(text, params)) as Record<string, unknown>[];
  }
}

/** The entity property behind a column name. */
export function property<E extends { id: number }>(dataSource: DataSource, definition: ResourceDefinition<E>, columnName: string): string {
  const column = dataSource.getMetadata(definition.entity).columns.find((c) => c.databaseName === columnName);
  if (!column) throw new Error(`No column ${columnName} on ${definition.name}`);
  return column.propertyName;
}

function column(name: string, type: ColumnSchema['type']): ColumnSchema {
  return plainColumn({ name, type, autoIncrement: name === 'id', isPrimaryKey: name === 'id' });
}
