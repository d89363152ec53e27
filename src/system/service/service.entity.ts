import { Column, Entity, Index } from 'typeorm';
import { AuditedEntity } from '../../common/entities/audited.entity';

/** A configured service: built-in (system, api_docs, user) or a database (sqlite, pgsql, mysql). */
@Entity('service')
export class ServiceEntity extends AuditedEntity {
  @Index('uq_service_name', { unique: true })
  @Column({ type: 'varchar', length: 40 })
  name!: string;

  @Column({ type: 'varchar', length: 80 })
  label!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  description!: string | null;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive!: boolean;

  @Column({ type: 'varchar', length: 40 })
  type!: string;

  @Column({ type: 'boolean', default: true })
  mutable!: boolean;

  @Column({ type: 'boolean', default: true })
  deletable!: boolean;

  /** JSON text of the type's config; secrets inside are encrypted with APP_KEY. */
  @Column({ type: 'text', nullable: true })
  config!: string | null;
}

/** A custom OpenAPI document replacing the generated one (API.md 4.2, 7.1). */
@Entity('service_doc')
export class ServiceDocEntity {
  @Column({ type: 'int', primary: true, generated: 'increment' })
  id!: number;

  @Index('uq_service_doc_service', { unique: true })
  @Column({ name: 'service_id', type: 'int' })
  serviceId!: number;

  @Column({ type: 'int', default: 0 })
  format!: number;

  @Column({ type: 'text' })
  content!: string;
}
