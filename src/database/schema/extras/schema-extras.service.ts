import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../config';
import { SchemaExtraEntity } from '../../../system/schema-extras/schema-extras.entity';
import type { RelationshipExtras, VirtualRelationship } from '../../relationships/relationship.types';
import type { TableSchema } from '../../schema-cache/schema.types';
import {
  fieldFromSettings, fieldToSettings, indexExtras, isEmptySettings, parseSettings, relationshipFromSettings, relationshipToSettings,
  tableFromSettings, tableToSettings, virtualToSettings, type ExtraKind,
} from './extras-settings';
import {
  automaticColumns, EMPTY_FIELD_EXTRAS, EMPTY_TABLE_EXTRAS, withEffectiveTypes, type AutomaticType, type FieldExtras,
  type ServiceExtras, type TableExtras,
} from './extras.model';

interface Cached {
  readonly at: number;
  readonly value: Promise<ServiceExtras>;
}

/**
 * Schema extras of data services in the system database (`schema_extra`), cached per service in
 * this process (re-read after the schema cache TTL, at once after a write here). The records API
 * uses `applyTypes` / `automaticTypes` for the remembered types of API.md 3.8 and 3.15.2.
 */
@Injectable()
export class SchemaExtrasService {
  private readonly cache = new Map<number, Cached>();

  constructor(
    @InjectRepository(SchemaExtraEntity) private readonly rows: Repository<SchemaExtraEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every extra of the service, indexed. */
  forService(serviceId: number): Promise<ServiceExtras> {
    const cached = this.cache.get(serviceId);
    if (cached && Date.now() - cached.at < this.config.schemaCacheTtlSeconds * 1000) return cached.value;
    const value = this.rows.find({ where: { serviceId }, order: { id: 'ASC' } }).then(indexExtras);
    this.cache.set(serviceId, { at: Date.now(), value });
    value.catch(() => this.cache.delete(serviceId));
    return value;
  }

  /**
   * The table with remembered simple types applied to its columns (`user_id_on_create`, `json` on
   * SQLite, …), for typing values and descriptors.
   */
  async applyTypes(serviceId: number, table: TableSchema): Promise<TableSchema> {
    return withEffectiveTypes(table, (await this.forService(serviceId)).fields.get(table.name));
  }

  /**
   * Columns the records API fills on writes (API.md 3.8): timestamp_on_create/_on_update (also
   * discovered on MySQL) and user_id/_on_create/_on_update, by real column name.
   * @example await extras.automaticTypes(service.id, table)  // Map { 'created_at' => 'timestamp_on_create' }
   */
  async automaticTypes(serviceId: number, table: TableSchema): Promise<Map<string, AutomaticType>> {
    return automaticColumns(await this.applyTypes(serviceId, table));
  }

  async saveTable(serviceId: number, table: string, patch: Partial<TableExtras>): Promise<void> {
    await this.upsert(serviceId, 'table', table, '', (s) => tableToSettings({ ...EMPTY_TABLE_EXTRAS, ...tableFromSettings(s), ...patch }));
  }

  async saveField(serviceId: number, table: string, field: string, patch: Partial<FieldExtras>): Promise<void> {
    await this.upsert(serviceId, 'field', table, field, (s) => fieldToSettings({ ...EMPTY_FIELD_EXTRAS, ...fieldFromSettings(s), ...patch }));
  }

  /** Extras of a discovered relationship, by its derived name. */
  async saveRelationship(serviceId: number, table: string, name: string, patch: Partial<RelationshipExtras>): Promise<void> {
    await this.upsert(serviceId, 'relationship', table, name, (s) => relationshipToSettings({ ...relationshipFromSettings(s), ...patch }));
  }

  async saveVirtual(serviceId: number, virtual: VirtualRelationship): Promise<void> {
    await this.upsert(serviceId, 'relationship', virtual.table, virtual.id, () => virtualToSettings(virtual));
  }

  /** Removes one item's extras, or (without `item`) every extra of the table. */
  async remove(serviceId: number, table: string, item?: { kind: ExtraKind; name: string }): Promise<void> {
    await this.rows.delete(item ? { serviceId, tableName: table, kind: item.kind, itemName: item.name } : { serviceId, tableName: table });
    this.cache.delete(serviceId);
  }

  private async upsert(serviceId: number, kind: ExtraKind, tableName: string, itemName: string, merge: (settings: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
    try {
      const row = await this.rows.findOne({ where: { serviceId, kind, tableName, itemName } });
      const settings = merge(row ? parseSettings(row.settings) : {});
      if (isEmptySettings(settings)) {
        if (row) await this.rows.delete({ id: row.id });
      } else if (row) {
        await this.rows.update({ id: row.id }, { settings: JSON.stringify(settings) });
      } else {
        await this.rows.insert({ serviceId, kind, tableName, itemName, settings: JSON.stringify(settings) });
      }
    } finally {
      this.cache.delete(serviceId);
    }
  }
}
