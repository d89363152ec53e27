import { Column, Entity, Index } from 'typeorm';

/**
 * Server-side "extras" of a database service's schema (API.md 3.14): aliases, labels, field
 * validation and automatic types, and virtual relationships. One row per table, field or
 * relationship; `kind` tells which, `settings` holds the JSON of its extra properties.
 */
@Entity('schema_extra')
@Index('uq_schema_extra', ['serviceId', 'kind', 'tableName', 'itemName'], { unique: true })
export class SchemaExtraEntity {
  @Column({ type: 'int', primary: true, generated: 'increment' })
  id!: number;

  @Column({ name: 'service_id', type: 'int' })
  serviceId!: number;

  /** 'table' | 'field' | 'relationship' */
  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  @Column({ name: 'table_name', type: 'varchar', length: 128 })
  tableName!: string;

  /** Field or relationship name; '' for table extras. */
  @Column({ name: 'item_name', type: 'varchar', length: 128, default: '' })
  itemName!: string;

  @Column({ type: 'text' })
  settings!: string;
}

/** A counter bumped on every change other instances must see (API.md 1.5). */
@Entity('change_counter')
export class ChangeCounterEntity {
  @Column({ type: 'varchar', length: 64, primary: true })
  name!: string;

  @Column({ type: 'bigint', default: 0 })
  version!: string;
}
